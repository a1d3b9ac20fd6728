// Pairing history answers with their requests without ids: per room, in order, failed on close.
import { describe, expect, it } from 'vitest'
import { HistoryRequests } from './history-requests'

describe('HistoryRequests', () => {
  it('pairs answers with the oldest request of their room, errors with the oldest of all', () => {
    const q = new HistoryRequests()
    const a1 = q.add('a', 10, 5, 'page')
    const b1 = q.add('b', 20, 5, 'gap')
    const a2 = q.add('a', 5, 5, 'page')
    expect(q.takeAnswered('a')).toBe(a1)
    expect(q.takeFailed()).toBe(b1)
    expect(q.takeAnswered('a')).toBe(a2)
    expect(q.takeAnswered('a')).toBeUndefined()
  })

  it('finds a request already out for the same page, and gap fills per room', () => {
    const q = new HistoryRequests()
    const r = q.add('a', 10, 5, 'gap')
    expect(q.find('a', 10)).toBe(r)
    expect(q.find('a', 11)).toBeUndefined()
    expect(q.hasGapFill('a')).toBe(true)
    expect(q.hasGapFill('b')).toBe(false)
  })

  it('settles every request with undefined when the socket goes', async () => {
    const q = new HistoryRequests()
    const r = q.add('a', 10, 5, 'page')
    q.failAll()
    expect(await r.answer).toBeUndefined()
    expect(q.takeFailed()).toBeUndefined()
  })
})
