// The heartbeat visits every connection once per interval, spread over slices of it: a silent
// connection is terminated at its next visit, an answering one pinged again.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { HEARTBEAT_SLICES, startHeartbeat, type Heartbeating } from './heartbeat'

class Peer implements Heartbeating {
  alive = true
  pings: number[] = []
  terminatedAt: number | undefined
  constructor(readonly heartbeatSlot: number) {}
  ping(): void {
    this.pings.push(Date.now())
  }
  terminate(): void {
    this.terminatedAt = Date.now()
  }
}

const INTERVAL = 1600
const SLICE = INTERVAL / HEARTBEAT_SLICES

beforeEach(() => vi.useFakeTimers({ now: 0 }))
afterEach(() => vi.useRealTimers())

describe('heartbeat', () => {
  it('pings each connection once per interval, the slots at different times', () => {
    const peers = Array.from({ length: HEARTBEAT_SLICES }, (_, slot) => new Peer(slot))
    const stop = startHeartbeat(INTERVAL, peers, () => {})
    for (let t = 0; t < 3 * INTERVAL; t += SLICE) {
      vi.advanceTimersByTime(SLICE)
      for (const p of peers) p.alive = true
    }
    stop()
    for (const p of peers) {
      expect(p.pings).toHaveLength(3)
      expect(p.pings[1]! - p.pings[0]!).toBe(INTERVAL)
      expect(p.terminatedAt).toBeUndefined()
    }
    const firstPings = new Set(peers.map((p) => p.pings[0]))
    expect(firstPings.size).toBe(HEARTBEAT_SLICES)
  })

  it('terminates a connection silent for a whole interval, at its next visit', () => {
    const silent = new Peer(3)
    const talking = new Peer(3)
    const stop = startHeartbeat(INTERVAL, [silent, talking], () => {})
    vi.advanceTimersByTime(4 * SLICE)
    expect(silent.pings).toEqual([4 * SLICE])
    talking.alive = true
    vi.advanceTimersByTime(INTERVAL)
    expect(silent.terminatedAt).toBe(4 * SLICE + INTERVAL)
    expect(talking.terminatedAt).toBeUndefined()
    expect(talking.pings).toHaveLength(2)
    stop()
  })

  it('runs the per-interval work once per interval and stops when told', () => {
    const onInterval = vi.fn()
    const stop = startHeartbeat(INTERVAL, [], onInterval)
    vi.advanceTimersByTime(3 * INTERVAL)
    expect(onInterval).toHaveBeenCalledTimes(3)
    stop()
    vi.advanceTimersByTime(3 * INTERVAL)
    expect(onInterval).toHaveBeenCalledTimes(3)
  })
})
