import { describe, expect, it } from 'vitest'
import { RateLimiter } from './rate-limiter'

describe('RateLimiter', () => {
  it('starts full: a burst passes, the next frame is rejected', () => {
    const t = 0
    const limiter = new RateLimiter(10, 20, () => t)
    const decisions = Array.from({ length: 21 }, () => limiter.take())
    expect(decisions.slice(0, 20).every((d) => d === 'allow')).toBe(true)
    expect(decisions[20]).toBe('reject')
  })

  it('refills at the configured rate', () => {
    let t = 0
    const limiter = new RateLimiter(10, 20, () => t)
    for (let i = 0; i < 20; i++) limiter.take()
    expect(limiter.take()).toBe('reject')
    t += 100
    expect(limiter.take()).toBe('allow')
    expect(limiter.take()).toBe('reject')
  })

  it('closes on the 51st rejection within 10 s, not before', () => {
    let t = 0
    const limiter = new RateLimiter(1, 1, () => t)
    limiter.take()
    const rejections = Array.from({ length: 50 }, () => limiter.take())
    expect(rejections.every((d) => d === 'reject')).toBe(true)
    expect(limiter.take()).toBe('close')
    // Rejections older than 10 s no longer count.
    t += 10_001
    const fresh = new RateLimiter(0.0001, 1, () => t)
    fresh.take()
    for (let i = 0; i < 50; i++) fresh.take()
    t += 10_001
    expect(fresh.take()).toBe('reject')
  })
})
