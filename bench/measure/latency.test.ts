// The latency histogram: nearest-rank percentiles, chunk counts, clamping and reset.
import { describe, expect, it } from 'vitest'
import { LatencyHistogram } from './latency'

describe('LatencyHistogram', () => {
  it('gives nearest-rank percentiles to the 10 us bucket', () => {
    const h = new LatencyHistogram()
    for (let ms = 1; ms <= 100; ms++) h.record(ms * 1000)
    expect(h.summary()).toEqual({
      count: 100,
      p50Ms: 50.01,
      p95Ms: 95.01,
      p99Ms: 99.01,
      maxMs: 100,
    })
  })

  it('never reports a percentile above the largest sample', () => {
    const h = new LatencyHistogram()
    h.record(3, 10)
    expect(h.percentileUs(50)).toBe(3)
    expect(h.percentileUs(99)).toBe(3)
  })

  it('counts a chunk of frames recorded at once, and clamps negatives and huge values', () => {
    const h = new LatencyHistogram()
    h.record(-5)
    h.record(20_000_000, 3)
    expect(h.count).toBe(4)
    expect(h.percentileUs(25)).toBe(10)
    expect(h.summary().maxMs).toBe(20_000)
  })

  it('is empty again after reset', () => {
    const h = new LatencyHistogram()
    h.record(500)
    h.reset()
    expect(h.summary()).toEqual({ count: 0, p50Ms: 0, p95Ms: 0, p99Ms: 0, maxMs: 0 })
  })
})
