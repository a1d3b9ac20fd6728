// window.parley for the UI benchmark over one WebSocket to this process, where the real core
// and desktop service answer. A Playwright binding (the e2e suite's test bridge) costs a
// DevTools round trip per call and per event batch, tens of milliseconds on a busy machine;
// Electron's IPC costs well under one. A socket with JSON, a structured copy like IPC's, is
// the nearer stand-in for timing the renderer.
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import { WebSocketServer } from 'ws'
import {
  Channels,
  encodeBridgeError,
  type ParleyBridge,
  type ParleyErrorInfo,
} from '../../src/shared/bridge'
import { RENDERER_DIR } from '../../e2e/fixtures/renderer-server'

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; " +
  "frame-src 'none'; form-action 'none'"
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
}

type Request = { id: number; name: string; args: unknown[] }

export interface SocketBridgeHost {
  url: string
  close(): Promise<void>
}

/** Serves the built renderer and answers window.parley's calls with `bridge`. */
export async function serveWithSocketBridge(
  bridge: ParleyBridge,
  errorInfo: (error: unknown) => ParleyErrorInfo,
): Promise<SocketBridgeHost> {
  const names = Object.keys(Channels) as (keyof ParleyBridge)[]
  const members = bridge as unknown as Record<string, (...args: unknown[]) => unknown>
  const http = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname)
    const file = normalize(join(RENDERER_DIR, path === '/' ? 'index.html' : path))
    if (!file.startsWith(RENDERER_DIR + sep)) return void res.writeHead(404).end()
    readFile(file).then(
      (body) =>
        res
          .writeHead(200, {
            'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
            'content-security-policy': CSP,
          })
          .end(body),
      () => res.writeHead(404).end(),
    )
  })
  const wss = new WebSocketServer({ server: http, path: '/bridge', perMessageDeflate: false })
  wss.on('connection', (ws) => {
    const offs = names
      .filter((n) => n.startsWith('on'))
      .map((name) =>
        (members[name] as (l: (p: unknown) => void) => () => void)((payload) =>
          ws.send(JSON.stringify({ event: name, payload })),
        ),
      )
    ws.on('close', () => offs.forEach((off) => off()))
    ws.on('message', async (data) => {
      const { id, name, args } = JSON.parse(String(data)) as Request
      try {
        if (!names.includes(name as keyof ParleyBridge) || name.startsWith('on')) {
          throw new Error(`No such bridge method: ${name}`)
        }
        const value = await members[name]!(...args)
        ws.send(JSON.stringify({ id, ok: true, value }))
      } catch (error) {
        ws.send(JSON.stringify({ id, ok: false, message: encodeBridgeError(errorInfo(error)) }))
      }
    })
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const { port } = http.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      for (const ws of wss.clients) ws.terminate()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
      http.closeAllConnections()
      await new Promise<void>((resolve) => http.close(() => resolve()))
    },
  }
}

/** The page half, run as an init script: must not refer to anything outside itself. */
export function installSocketBridge(names: string[]): void {
  interface Socket {
    readyState: number
    send(data: string): void
    addEventListener(type: string, listener: (event: { data: string }) => void): void
  }
  const w = globalThis as unknown as Record<string, unknown> & {
    location: { host: string }
    WebSocket: new (url: string) => Socket
  }
  const socket = new w.WebSocket(`ws://${w.location.host}/bridge`)
  const queued: string[] = []
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>()
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  let nextId = 1
  socket.addEventListener('open', () => queued.splice(0).forEach((m) => socket.send(m)))
  socket.addEventListener('message', (event) => {
    const reply = JSON.parse(event.data) as {
      id?: number
      ok?: boolean
      value?: unknown
      message?: string
      event?: string
      payload?: unknown
    }
    if (reply.event) {
      for (const l of listeners.get(reply.event) ?? []) l(reply.payload)
      return
    }
    const call = pending.get(reply.id ?? 0)
    pending.delete(reply.id ?? 0)
    if (reply.ok) call?.resolve(reply.value)
    else call?.reject(new Error(reply.message))
  })
  const api: Record<string, unknown> = {}
  for (const name of names) {
    api[name] = name.startsWith('on')
      ? (listener: (payload: unknown) => void) => {
          const set = listeners.get(name) ?? new Set()
          listeners.set(name, set)
          set.add(listener)
          return () => set.delete(listener)
        }
      : (...args: unknown[]) =>
          new Promise((resolve, reject) => {
            const id = nextId++
            pending.set(id, { resolve, reject })
            const message = JSON.stringify({ id, name, args })
            if (socket.readyState === 1) socket.send(message)
            else queued.push(message)
          })
  }
  w.parley = Object.freeze(api)
}
