// What every bridge channel does in main, as plain functions ipc.ts hands to ipcMain: a call
// is refused unless it comes from the app's own page, its arguments are checked against
// ipc-arguments.ts, and any failure crosses as a ParleyErrorInfo in the Error's message
// (bridge.ts encodeBridgeError). Events go the other way, to the window.
import {
  Channels,
  encodeBridgeError,
  type EventName,
  type MethodName,
  type ParleyBridge,
  type Unsubscribe,
} from '../shared/bridge'
import { errorInfo } from './desktop/errors'
import { parseInput } from './desktop/input'
import { methodArguments } from './ipc-arguments'

/** One invoke channel: the URL of the frame that called, and what it passed. */
export type IpcHandler = (senderUrl: string | undefined, args: unknown[]) => Promise<unknown>

export function isMethod(name: keyof ParleyBridge): name is MethodName {
  return !name.startsWith('on')
}

const members = Object.keys(Channels) as (keyof ParleyBridge)[]

export function createIpcHandlers(
  api: ParleyBridge,
  trustedSender: (url: string | undefined) => boolean,
  warn: (message: string) => void,
): Map<string, IpcHandler> {
  const handlers = new Map<string, IpcHandler>()
  const methods = api as unknown as Record<MethodName, (...args: unknown[]) => Promise<unknown>>
  for (const name of members) {
    if (!isMethod(name)) continue
    handlers.set(Channels[name], async (senderUrl, args) => {
      try {
        if (!trustedSender(senderUrl)) {
          // The URL is the page's, not a secret; it says what tried.
          warn(`refused ${name} from ${senderUrl ?? 'a frame that is gone'}`)
          throw new Error('Only Parley’s own window may call this.')
        }
        const checked = parseInput(methodArguments[name], args, name)
        return await methods[name](...checked)
      } catch (err) {
        throw new Error(encodeBridgeError(errorInfo(err)), { cause: err })
      }
    })
  }
  return handlers
}

/** Subscribes to every event of the bridge and passes its payload to `send`. */
export function forwardEvents(
  api: ParleyBridge,
  send: (channel: string, payload: unknown) => void,
): Unsubscribe {
  const offs: Unsubscribe[] = []
  for (const name of members) {
    if (isMethod(name)) continue
    const subscribe = api[name as EventName] as (
      listener: (payload: unknown) => void,
    ) => Unsubscribe
    offs.push(subscribe((payload) => send(Channels[name], payload)))
  }
  return () => {
    for (const off of offs) off()
  }
}
