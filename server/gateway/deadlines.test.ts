// Deadlines on one timer: each fires once when due and in time order, cancel, re-arming.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Deadlines } from './deadlines'

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 })
})
afterEach(() => {
  vi.useRealTimers()
})

function recorder() {
  const fired: string[] = []
  return { fired, deadlines: new Deadlines<string>((item) => fired.push(item)) }
}

describe('Deadlines', () => {
  it('calls back once per deadline when it passes, the earliest first, on one timer', () => {
    const { fired, deadlines } = recorder()
    const t = Date.now()
    deadlines.add(t + 300, 'c')
    deadlines.add(t + 100, 'a')
    deadlines.add(t + 200, 'b')
    deadlines.add(t + 200, 'b2')
    expect(vi.getTimerCount()).toBe(1)
    vi.advanceTimersByTime(99)
    expect(fired).toEqual([])
    vi.advanceTimersByTime(1)
    expect(fired).toEqual(['a'])
    vi.advanceTimersByTime(100)
    expect([...fired].sort()).toEqual(['a', 'b', 'b2'])
    vi.advanceTimersByTime(1000)
    expect(fired).toHaveLength(4)
    expect(fired[3]).toBe('c')
    expect(vi.getTimerCount()).toBe(0)
  })

  it('fires a deadline already past from the timer, not at once', () => {
    const { fired, deadlines } = recorder()
    deadlines.add(Date.now() - 5000, 'late')
    expect(fired).toEqual([])
    vi.advanceTimersByTime(1)
    expect(fired).toEqual(['late'])
  })

  it('never fires a cancelled deadline; cancelling twice or after it fired is harmless', () => {
    const { fired, deadlines } = recorder()
    const t = Date.now()
    const first = deadlines.add(t + 100, 'first')
    const second = deadlines.add(t + 200, 'second')
    deadlines.cancel(first)
    deadlines.cancel(first)
    deadlines.cancel(undefined)
    vi.advanceTimersByTime(200)
    expect(fired).toEqual(['second'])
    deadlines.cancel(second)
    const third = deadlines.add(Date.now() + 100, 'third')
    vi.advanceTimersByTime(100)
    expect(fired).toEqual(['second', 'third'])
    deadlines.cancel(third)
  })

  it('leaves no timer once every deadline is cancelled', () => {
    const { deadlines } = recorder()
    const all = Array.from({ length: 10 }, (_, i) => deadlines.add(Date.now() + 1000 * (i + 1), ''))
    expect(vi.getTimerCount()).toBe(1)
    for (const d of all) deadlines.cancel(d)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('re-arms sooner for an earlier deadline, later once the earliest is cancelled', () => {
    const { fired, deadlines } = recorder()
    const t = Date.now()
    deadlines.add(t + 1000, 'later')
    const early = deadlines.add(t + 100, 'sooner')
    vi.advanceTimersByTime(100)
    expect(fired).toEqual(['sooner'])
    deadlines.add(t + 500, 'middle')
    const cancelled = deadlines.add(t + 300, 'cancelled')
    deadlines.cancel(cancelled)
    deadlines.cancel(early)
    vi.advanceTimersByTime(400)
    expect(fired).toEqual(['sooner', 'middle'])
    vi.advanceTimersByTime(500)
    expect(fired).toEqual(['sooner', 'middle', 'later'])
  })

  it('waits past the longest setTimeout (about 24.8 days)', () => {
    const { fired, deadlines } = recorder()
    const thirtyDays = 30 * 24 * 3600 * 1000
    deadlines.add(Date.now() + thirtyDays, 'month')
    vi.advanceTimersByTime(2 ** 31)
    expect(fired).toEqual([])
    vi.advanceTimersByTime(thirtyDays - 2 ** 31 - 1)
    expect(fired).toEqual([])
    vi.advanceTimersByTime(1)
    expect(fired).toEqual(['month'])
  })

  it('a callback that throws does not strand the deadlines due after it', () => {
    const fired: string[] = []
    const deadlines = new Deadlines<string>((item) => {
      if (item === 'bad') throw new Error('handler bug')
      fired.push(item)
    })
    const t = Date.now()
    deadlines.add(t + 100, 'bad')
    deadlines.add(t + 100, 'good')
    expect(() => vi.advanceTimersByTime(100)).toThrow('handler bug')
    vi.advanceTimersByTime(1)
    expect(fired).toEqual(['good'])
  })

  it('keeps time order through many adds and cancels', () => {
    const { fired, deadlines } = recorder()
    const t = Date.now()
    // A fixed pseudo-random sequence, so a failure reproduces.
    let seed = 7
    const next = () => (seed = (seed * 48271) % 2147483647) % 10_000
    const live = new Map<string, number>()
    const handles = []
    for (let i = 0; i < 500; i++) {
      const at = t + next()
      handles.push({ key: `d${i}`, handle: deadlines.add(at, `d${i}`) })
      live.set(`d${i}`, at)
    }
    for (const { key, handle } of handles) {
      if (next() % 2 === 0) continue
      deadlines.cancel(handle)
      live.delete(key)
    }
    vi.advanceTimersByTime(10_000)
    expect([...fired].sort()).toEqual([...live.keys()].sort())
    const times = fired.map((key) => live.get(key)!)
    expect(times).toEqual([...times].sort((a, b) => a - b))
  })
})
