// Reconnect delays: full jitter under an exponential ceiling, capped, and reset.
import { describe, expect, it } from 'vitest'
import { Backoff } from './backoff'

describe('Backoff', () => {
  it('doubles the ceiling from the base up to the cap', () => {
    const b = new Backoff({ baseMs: 500, capMs: 30_000, random: () => 0.999999 })
    const delays = Array.from({ length: 10 }, () => b.next())
    expect(delays).toEqual([499, 999, 1999, 3999, 7999, 15999, 29999, 29999, 29999, 29999])
    expect(b.attempts).toBe(10)
  })

  it('jitters over the whole range, down to zero', () => {
    const b = new Backoff({ baseMs: 1000, random: () => 0 })
    expect([b.next(), b.next(), b.next()]).toEqual([0, 0, 0])
    const half = new Backoff({ baseMs: 1000, random: () => 0.5 })
    expect([half.next(), half.next()]).toEqual([500, 1000])
  })

  it('starts over after a reset', () => {
    const b = new Backoff({ baseMs: 100, random: () => 0.999 })
    b.next()
    b.next()
    b.reset()
    expect(b.attempts).toBe(0)
    expect(b.next()).toBe(99)
  })

  it('never exceeds the cap, however many failures', () => {
    const b = new Backoff({ baseMs: 500, capMs: 30_000, random: () => 0.999999 })
    for (let i = 0; i < 2000; i++) expect(b.next()).toBeLessThan(30_000)
  })
})
