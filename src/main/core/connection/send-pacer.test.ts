// Outgoing frame pacing on fake timers: a burst at once, then the steady rate, in order.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { SendPacer } from './send-pacer'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('SendPacer', () => {
  it('writes a burst at once, then paces the rest in order', () => {
    const written: string[] = []
    const pacer = new SendPacer((t) => written.push(t), { perSecond: 10, burst: 3 })
    for (let i = 0; i < 6; i++) pacer.push(String(i))
    expect(written).toEqual(['0', '1', '2'])
    vi.advanceTimersByTime(100)
    expect(written).toEqual(['0', '1', '2', '3'])
    vi.advanceTimersByTime(200)
    expect(written).toEqual(['0', '1', '2', '3', '4', '5'])
  })

  it('refills up to the burst while idle', () => {
    const written: string[] = []
    const pacer = new SendPacer((t) => written.push(t), { perSecond: 10, burst: 2 })
    pacer.push('a')
    pacer.push('b')
    vi.advanceTimersByTime(60_000)
    for (const t of ['c', 'd', 'e']) pacer.push(t)
    expect(written).toEqual(['a', 'b', 'c', 'd'])
  })

  it('drops the backlog on clear', () => {
    const written: string[] = []
    const pacer = new SendPacer((t) => written.push(t), { perSecond: 1, burst: 1 })
    pacer.push('a')
    pacer.push('b')
    pacer.clear()
    vi.advanceTimersByTime(5000)
    expect(written).toEqual(['a'])
  })
})
