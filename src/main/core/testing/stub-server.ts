// A scripted WebSocket peer for the connection's unit tests: it speaks just enough of the
// protocol (401 refusal, auth ok, pings, close codes) to drive the state machine without the
// real server. Whatever the real server must prove is in the *.integration tests.
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { SUBPROTOCOL } from '../../../shared/protocol'

export interface StubSocket {
  ws: WebSocket
  req: IncomingMessage
  /** Text frames received, parsed. */
  received: unknown[]
}

export interface StubServer {
  url: string
  sockets: StubSocket[]
  /** Upgrades answered with this HTTP status instead of 101 while set (or while it returns one). */
  refuseWith: number | ((req: IncomingMessage) => number | undefined) | undefined
  /** Heartbeat interval announced in auth ok; undefined: do not send auth ok. */
  heartbeatMs: number | undefined
  nextSocket(): Promise<StubSocket>
  upgrades: number
  close(): Promise<void>
}

export async function startStubServer(): Promise<StubServer> {
  const http: Server = createServer((_req, res) => res.writeHead(404).end())
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => (protocols.has(SUBPROTOCOL) ? SUBPROTOCOL : false),
  })
  const waiting: ((s: StubSocket) => void)[] = []
  const stub: StubServer = {
    url: '',
    sockets: [],
    refuseWith: undefined,
    heartbeatMs: 60_000,
    upgrades: 0,
    nextSocket: () => new Promise((resolve) => waiting.push(resolve)),
    close: async () => {
      for (const s of stub.sockets) s.ws.terminate()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
      http.closeAllConnections()
      await new Promise<void>((resolve) => http.close(() => resolve()))
    },
  }
  http.on('upgrade', (req, socket, head) => {
    stub.upgrades++
    const status = typeof stub.refuseWith === 'function' ? stub.refuseWith(req) : stub.refuseWith
    if (status !== undefined) {
      socket.end(`HTTP/1.1 ${status} Refused\r\nConnection: close\r\n\r\n`)
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const s: StubSocket = { ws, req, received: [] }
      stub.sockets.push(s)
      ws.on('message', (data) => s.received.push(JSON.parse(String(data))))
      if (stub.heartbeatMs !== undefined) {
        ws.send(
          JSON.stringify({
            event: 'auth',
            message: 'ok',
            uid: 'me',
            name: 'Me',
            heartbeat: stub.heartbeatMs,
          }),
        )
      }
      waiting.shift()?.(s)
    })
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  stub.url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}`
  return stub
}
