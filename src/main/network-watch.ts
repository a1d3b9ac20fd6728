// The OS's network and power signals fed to the core: Electron's main process has no online
// event, so net.isOnline() is read on a timer and each change becomes online()/offline();
// waking from sleep becomes resumed() (the peer has usually gone without a close frame).
import type { NetworkSignals } from './core'

export interface NetworkWatchOptions {
  isOnline: () => boolean
  signals: NetworkSignals
  /** Calls fn every so often; returns the stop function. */
  every: (fn: () => void) => () => void
  /** Subscribes to the OS waking up; returns the unsubscribe function. */
  onResume: (fn: () => void) => () => void
}

export const NETWORK_POLL_MS = 3000

export function watchNetwork(o: NetworkWatchOptions): () => void {
  let online = o.isOnline()
  if (!online) o.signals.offline()
  const stopPolling = o.every(() => {
    const now = o.isOnline()
    if (now === online) return
    online = now
    if (now) o.signals.online()
    else o.signals.offline()
  })
  const stopResume = o.onResume(() => o.signals.resumed())
  return () => {
    stopPolling()
    stopResume()
  }
}
