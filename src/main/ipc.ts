// Registers every bridge channel with ipcMain (ipc-handlers.ts decides what each does) and
// forwards the bridge's events to the window.
import type { IpcMain, WebContents } from 'electron'
import type { ParleyBridge } from '../shared/bridge'
import { createIpcHandlers, forwardEvents } from './ipc-handlers'

export function registerIpc(o: {
  ipcMain: IpcMain
  api: ParleyBridge
  trusted: (url: string | undefined) => boolean
  /** The main window's contents, while it exists. */
  contents: () => WebContents | null
  warn: (message: string) => void
}): () => void {
  const handlers = createIpcHandlers(o.api, o.trusted, o.warn)
  for (const [channel, handler] of handlers) {
    o.ipcMain.handle(channel, (event, ...args: unknown[]) => handler(event.senderFrame?.url, args))
  }
  const stopEvents = forwardEvents(o.api, (channel, payload) => {
    const contents = o.contents()
    // Only to the app's own page: an event may carry message text.
    if (contents && !contents.isDestroyed() && o.trusted(contents.getURL())) {
      contents.send(channel, payload)
    }
  })
  return () => {
    stopEvents()
    for (const channel of handlers.keys()) o.ipcMain.removeHandler(channel)
  }
}
