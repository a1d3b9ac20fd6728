// A WebSocket client for tests: keeps every frame it receives and lets a test wait for the
// next one that matches, with a time limit, so assertions read like what a user sees.
import WebSocket from 'ws'
import { SUBPROTOCOL } from '../../src/shared/protocol'

// Frames are read loosely on purpose: tests assert on exact fields.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Frame = Record<string, any>
type Match = string | ((f: Frame) => boolean)

export interface ConnectOptions {
  token?: string
  /** Where the handshake token goes. */
  tokenIn?: 'bearer' | 'header' | 'query'
  /** Offer parley.v1 (default) or speak compat mode. */
  v1?: boolean
  path?: string
  headers?: Record<string, string>
}

export class TestClient {
  readonly frames: Frame[] = []
  /** Indexes into `frames` (kept in arrival order) that `next` already returned. */
  private readonly taken = new Set<number>()
  private waiters: (() => void)[] = []
  readonly closed: Promise<{ code: number; reason: string }>

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      this.frames.push(isBinary ? { binary: true } : (JSON.parse(data.toString()) as Frame))
      for (const w of this.waiters.splice(0)) w()
    })
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString() })
        for (const w of this.waiters.splice(0)) w()
      })
    })
  }

  static connect(url: string, o: ConnectOptions = {}): Promise<TestClient> {
    const target = new URL(o.path ?? '/', url)
    const headers: Record<string, string> = { ...o.headers }
    if (o.token !== undefined) {
      if ((o.tokenIn ?? 'bearer') === 'bearer') headers.authorization = `Bearer ${o.token}`
      else if (o.tokenIn === 'header') headers.token = o.token
      else target.searchParams.set('token', o.token)
    }
    const ws = new WebSocket(target, o.v1 === false ? [] : [SUBPROTOCOL], { headers })
    const client = new TestClient(ws)
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client))
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
      ws.once('error', reject)
    })
  }

  send(frame: Frame | string): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame))
  }

  /** The first frame not yet taken that matches; frames before it that do not match stay. */
  async next(match: Match, timeoutMs = 5000): Promise<Frame> {
    const test = typeof match === 'string' ? (f: Frame) => f.event === match : match
    const deadline = Date.now() + timeoutMs
    for (;;) {
      for (let i = 0; i < this.frames.length; i++) {
        const f = this.frames[i]!
        if (!this.taken.has(i) && test(f)) {
          this.taken.add(i)
          return f
        }
      }
      const left = deadline - Date.now()
      if (left <= 0 || this.ws.readyState === WebSocket.CLOSED) {
        throw new Error(
          `no frame matching ${String(match)} within ${timeoutMs} ms; got ${JSON.stringify(this.untaken())}`,
        )
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left)
        this.waiters.push(() => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
  }

  /** Frames not taken yet that match, after waiting `ms` for more to arrive. */
  async pending(match: Match, ms = 200): Promise<Frame[]> {
    await new Promise((r) => setTimeout(r, ms))
    const test = typeof match === 'string' ? (f: Frame) => f.event === match : match
    return this.untaken().filter(test)
  }

  private untaken(): Frame[] {
    return this.frames.filter((_, i) => !this.taken.has(i))
  }

  /** Every message frame of a room received so far (taken or not), in arrival order. */
  messages(roomId: string): Frame[] {
    return this.frames.filter((f) => f.event === 'message' && f.roomId === roomId)
  }

  close(): void {
    this.ws.close()
  }
}

/** How a handshake ends: 'open', or the HTTP status of the refusal. */
export function upgradeStatus(
  url: string,
  headers: Record<string, string> = {},
): Promise<number | 'open'> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers })
    ws.once('open', () => {
      ws.close()
      resolve('open')
    })
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
    ws.once('error', () => undefined)
  })
}
