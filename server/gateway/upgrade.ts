// The WebSocket handshake: path, origin and handshake-token checks before any socket opens
// (PROTOCOL "Transport", "Authentication": a bad handshake token is refused with 401).
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { WebSocket, WebSocketServer } from 'ws'
import { InvalidTokenError, type Identity, type TokenService } from '../auth/tokens'

const WS_PATHS = new Set(['/', '/ws'])

export interface UpgradeOptions {
  wss: WebSocketServer
  tokens: TokenService
  allowedOrigins?: string[]
  /** False while the server drains: new sockets are refused. */
  accepting: () => boolean
  /** `socket` is the upgraded TCP socket under `ws`. */
  onConnection: (ws: WebSocket, identity: Identity | undefined, socket: Duplex) => void
}

export function createUpgradeHandler(o: UpgradeOptions) {
  return async function onUpgrade(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
  ): Promise<void> {
    socket.on('error', destroyOnError)
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (!WS_PATHS.has(url.pathname)) return refuse(socket, 404, 'Not Found')
    if (!o.accepting()) return refuse(socket, 503, 'Service Unavailable')
    const origin = req.headers.origin
    if (origin && o.allowedOrigins && !o.allowedOrigins.includes(origin)) {
      return refuse(socket, 403, 'Forbidden')
    }
    const token = handshakeToken(req, url)
    let identity: Identity | undefined
    if (token !== undefined) {
      try {
        identity = await o.tokens.verify(token)
      } catch (err) {
        if (!(err instanceof InvalidTokenError)) throw err
        return refuse(socket, 401, 'Unauthorized')
      }
    }
    if (socket.destroyed) return
    // ws handles the socket's errors from here on; a second listener would stay for nothing.
    socket.removeListener('error', destroyOnError)
    o.wss.handleUpgrade(req, socket, head, (ws) => o.onConnection(ws, identity, socket))
  }
}

// Until ws takes the socket, an error (a client gone while its token is checked) ends it.
function destroyOnError(this: Duplex): void {
  this.destroy()
}

function handshakeToken(req: IncomingMessage, url: URL): string | undefined {
  const auth = req.headers.authorization
  if (auth !== undefined) {
    const match = /^Bearer\s+(.+)$/i.exec(auth)
    return match ? match[1]!.trim() : ''
  }
  const header = req.headers.token
  if (typeof header === 'string') return header
  return url.searchParams.get('token') ?? undefined
}

function refuse(socket: Duplex, status: number, text: string): void {
  if (socket.destroyed) return
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${text.length}\r\n\r\n${text}`,
  )
}
