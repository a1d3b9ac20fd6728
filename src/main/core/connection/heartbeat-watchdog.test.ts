// The heartbeat watchdog on fake timers: dead after two silent intervals, alive while pings come.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { HeartbeatWatchdog } from './heartbeat-watchdog'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('HeartbeatWatchdog', () => {
  it('fires when no ping came for twice the interval', () => {
    const onDead = vi.fn()
    const w = new HeartbeatWatchdog(onDead)
    w.start(1000)
    vi.advanceTimersByTime(1999)
    expect(onDead).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(onDead).toHaveBeenCalledOnce()
  })

  it('stays quiet while pings keep coming', () => {
    const onDead = vi.fn()
    const w = new HeartbeatWatchdog(onDead)
    w.start(1000)
    for (let i = 0; i < 20; i++) {
      vi.advanceTimersByTime(1500)
      w.beat()
    }
    expect(onDead).not.toHaveBeenCalled()
    vi.advanceTimersByTime(2000)
    expect(onDead).toHaveBeenCalledOnce()
  })

  it('does nothing once stopped, and can be re-armed with a new interval', () => {
    const onDead = vi.fn()
    const w = new HeartbeatWatchdog(onDead)
    w.start(1000)
    w.stop()
    w.beat()
    vi.advanceTimersByTime(10_000)
    expect(onDead).not.toHaveBeenCalled()
    w.start(50)
    vi.advanceTimersByTime(100)
    expect(onDead).toHaveBeenCalledOnce()
  })
})
