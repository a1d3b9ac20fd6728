// The server side of the UI benchmark: accepts any token, answers each `enter` with `synced`
// at the seq the seeded database already holds (nothing to replay), and pushes bursts of
// message frames on request, so the figures measure the app, not a server.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { SUBPROTOCOL, type ChatMessage } from '../../src/shared/protocol'

export interface StandInServer {
  url: string
  /** Resolves once the app has entered the room. */
  entered(roomId: string): Promise<void>
  /** Sends the messages back-to-back; resolves with the epoch ms the last one was written. */
  burst(messages: readonly ChatMessage[]): number
  close(): Promise<void>
}

export async function startStandInServer(latest: Map<string, number>): Promise<StandInServer> {
  const sockets = new Set<WebSocket>()
  const entered = new Set<string>()
  const waiting = new Map<string, () => void>()
  const http = createServer()
  const wss = new WebSocketServer({
    server: http,
    perMessageDeflate: false,
    handleProtocols: (offered) => (offered.has(SUBPROTOCOL) ? SUBPROTOCOL : false),
  })
  wss.on('connection', (ws: WebSocket) => {
    sockets.add(ws)
    ws.on('close', () => sockets.delete(ws))
    ws.send(
      JSON.stringify({ event: 'auth', message: 'ok', uid: 'me', name: 'Me', heartbeat: 60_000 }),
    )
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { event: string; roomId?: string }
      if (frame.event !== 'enter' || frame.roomId === undefined) return
      const roomId = frame.roomId
      ws.send(JSON.stringify({ event: 'synced', roomId, seq: latest.get(roomId) ?? 0 }))
      entered.add(roomId)
      waiting.get(roomId)?.()
    })
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  return {
    url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}/`,
    entered: (roomId) =>
      entered.has(roomId)
        ? Promise.resolve()
        : new Promise((resolve) => waiting.set(roomId, resolve)),
    burst(messages) {
      const frames = messages.map((m) => JSON.stringify({ event: 'message', ...m, num: 1 }))
      for (const ws of sockets) for (const frame of frames) ws.send(frame)
      const last = messages.at(-1)
      if (last) latest.set(last.roomId, last.seq)
      return performance.timeOrigin + performance.now()
    },
    close: async () => {
      for (const ws of sockets) ws.terminate()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
      await new Promise<void>((resolve) => http.close(() => resolve()))
    },
  }
}
