// window.parley over IPC: every Channels member, methods as invoke calls and onXxx events as
// listeners on their channel. Built as a loop so a member added to the bridge cannot be
// forgotten here. The renderer gets these functions only, never ipcRenderer itself.
import { Channels, type ParleyBridge, type Unsubscribe } from '../shared/bridge'

/** The part of Electron's ipcRenderer the bridge uses. */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown
}

export function createBridge(ipc: RendererIpc): ParleyBridge {
  const bridge: Record<string, unknown> = {}
  for (const [name, channel] of Object.entries(Channels)) {
    bridge[name] = name.startsWith('on')
      ? (listener: (payload: unknown) => void): Unsubscribe => {
          if (typeof listener !== 'function') throw new TypeError(`${name} needs a function`)
          // The IPC event (with its sender) stays here; the page gets the payload only.
          const wrapped = (_event: unknown, payload: unknown) => listener(payload)
          ipc.on(channel, wrapped)
          return () => {
            ipc.removeListener(channel, wrapped)
          }
        }
      : (...args: unknown[]) => ipc.invoke(channel, ...args)
  }
  return Object.freeze(bridge) as unknown as ParleyBridge
}
