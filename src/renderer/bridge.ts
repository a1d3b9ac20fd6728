// The renderer's one door to the app: window.parley (the preload's bridge, or the one a test
// page provides), or a stand-in a unit test installs. Stores reach the app only through here.
import { decodeBridgeError, type ParleyBridge, type ParleyErrorInfo } from '../shared/bridge'

declare global {
  interface Window {
    parley?: ParleyBridge
  }
}

let installed: ParleyBridge | null = null

/** Tests hand the stores a fake implementing the same ParleyBridge type. */
export function installBridge(bridge: ParleyBridge | null): void {
  installed = bridge
}

export function useBridge(): ParleyBridge {
  if (installed) return installed
  if (window.parley) {
    installed = window.parley
    return installed
  }
  throw new Error(
    'window.parley is missing: this page runs inside Parley or a test that provides it.',
  )
}

/** What a rejected bridge call means, in a form the UI can show. */
export function errorInfo(error: unknown): ParleyErrorInfo {
  return decodeBridgeError(error)
}
