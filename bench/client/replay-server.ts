// A minimal stand-in server for the ingest benchmark: authenticates any socket and answers
// `enter` with a prepared backlog and `synced`, so the figure measures the client, not a
// real server's storage.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { SUBPROTOCOL, type ChatMessage } from '../../src/shared/protocol'

export interface ReplayServer {
  url: string
  close(): Promise<void>
}

export async function startReplayServer(backlog: readonly ChatMessage[]): Promise<ReplayServer> {
  // Serialised once up front: sending should cost the benchmark as little as possible.
  const frames = backlog.map((m) => JSON.stringify({ event: 'message', ...m, num: 1 }))
  const last = backlog.at(-1)?.seq ?? 0
  const http = createServer()
  const wss = new WebSocketServer({
    server: http,
    perMessageDeflate: false,
    handleProtocols: (offered) => (offered.has(SUBPROTOCOL) ? SUBPROTOCOL : false),
  })
  wss.on('connection', (ws: WebSocket) => {
    ws.send(
      JSON.stringify({ event: 'auth', message: 'ok', uid: 'me', name: 'Me', heartbeat: 60_000 }),
    )
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { event: string; roomId?: string }
      if (frame.event !== 'enter' || frame.roomId === undefined) return
      for (const text of frames) ws.send(text)
      ws.send(JSON.stringify({ event: 'synced', roomId: frame.roomId, seq: last }))
    })
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  return {
    url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}/`,
    close: async () => {
      for (const ws of wss.clients) ws.terminate()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
      await new Promise<void>((resolve) => http.close(() => resolve()))
    },
  }
}
