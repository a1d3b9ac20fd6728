// The OS network and wake signals as the core's online, offline and resumed.
import { describe, expect, it } from 'vitest'
import { watchNetwork } from './network-watch'

function harness(initiallyOnline: boolean) {
  const calls: string[] = []
  let online = initiallyOnline
  let tick = () => {}
  let resume = () => {}
  const stop = watchNetwork({
    isOnline: () => online,
    signals: {
      online: () => calls.push('online'),
      offline: () => calls.push('offline'),
      resumed: () => calls.push('resumed'),
    },
    every: (fn) => {
      tick = fn
      return () => calls.push('stopped polling')
    },
    onResume: (fn) => {
      resume = fn
      return () => calls.push('stopped resume')
    },
  })
  return {
    calls,
    set: (v: boolean) => (online = v),
    tick: () => tick(),
    resume: () => resume(),
    stop,
  }
}

describe('network watch', () => {
  it('reports each change once, and waking from sleep', () => {
    const h = harness(true)
    h.tick()
    h.set(false)
    h.tick()
    h.tick()
    h.set(true)
    h.tick()
    h.resume()
    h.stop()
    expect(h.calls).toEqual(['offline', 'online', 'resumed', 'stopped polling', 'stopped resume'])
  })

  it('says offline at once when the app starts without a network', () => {
    expect(harness(false).calls).toEqual(['offline'])
  })
})
