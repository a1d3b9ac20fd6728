// The sync arithmetic on plain numbers: how far held seqs run, what is missing, how to ask for it.
import { describe, expect, it } from 'vitest'
import {
  advanceThrough,
  baselineAfterSynced,
  floorFromHistory,
  historyRequestFor,
  missingRange,
  pageRange,
} from './contiguity'

describe('advanceThrough', () => {
  it('walks consecutive seqs and stops at the first hole', () => {
    expect(advanceThrough(4, [5, 6, 7, 9, 10])).toBe(7)
    expect(advanceThrough(4, [6, 7])).toBe(4)
    expect(advanceThrough(0, [])).toBe(0)
    expect(advanceThrough(0, [1])).toBe(1)
  })
})

describe('missingRange', () => {
  it('is the hole between synced and the next held seq', () => {
    expect(missingRange(7, 9, 12)).toEqual({ from: 8, to: 8 })
    expect(missingRange(7, 20, 25)).toEqual({ from: 8, to: 19 })
  })

  it('runs up to the latest known seq when nothing above is held', () => {
    expect(missingRange(7, undefined, 10)).toEqual({ from: 8, to: 10 })
  })

  it('is nothing when synced is the top', () => {
    expect(missingRange(7, undefined, 7)).toBeUndefined()
    expect(missingRange(7, 8, 9)).toBeUndefined()
    expect(missingRange(9, undefined, 3)).toBeUndefined()
  })
})

describe('historyRequestFor', () => {
  it('asks for exactly the range when it fits in one answer', () => {
    expect(historyRequestFor({ from: 8, to: 19 })).toEqual({ before: 20, limit: 12 })
  })

  it('asks for the top of a wide range first, at most the server limit', () => {
    expect(historyRequestFor({ from: 1, to: 1000 })).toEqual({ before: 1001, limit: 200 })
  })
})

describe('pageRange', () => {
  it('is the limit seqs just below before', () => {
    expect(pageRange(101, 50, 1)).toEqual({ from: 51, to: 100 })
  })

  it('stops at seq 1 and at the floor', () => {
    expect(pageRange(20, 50, 1)).toEqual({ from: 1, to: 19 })
    expect(pageRange(101, 50, 80)).toEqual({ from: 80, to: 100 })
    expect(pageRange(80, 50, 80)).toBeUndefined()
    expect(pageRange(1, 50, 1)).toBeUndefined()
  })
})

describe('floorFromHistory', () => {
  it('knows the floor only from a last page', () => {
    expect(floorFromHistory(100, [40, 41], true)).toBeUndefined()
    expect(floorFromHistory(100, [40, 41], false)).toBe(40)
    expect(floorFromHistory(100, [], false)).toBe(100)
  })
})

describe('baselineAfterSynced', () => {
  it('starts just below the first replayed message, else at synced', () => {
    expect(baselineAfterSynced(31, 40)).toBe(30)
    expect(baselineAfterSynced(undefined, 40)).toBe(40)
  })
})
