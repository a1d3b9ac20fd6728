// One account's WebSocket and its state machine: connecting → open → reconnecting/offline →
// … until 4401 or stop() signs it out. Owns the handshake, heartbeat, watchdog, pacing and
// reconnect timing; what the frames mean is for sync and the outbox.
import WebSocket from 'ws'
import type { ConnectionState } from '../../../shared/bridge'
import {
  CloseCode,
  SUBPROTOCOL,
  parseServerFrame,
  type ClientEvent,
  type ClientFrameInput,
  type ServerFrame,
  type ServerFrameOf,
} from '../../../shared/protocol'
import { Listeners } from '../listeners'
import { Backoff, type BackoffOptions } from './backoff'
import { HeartbeatWatchdog } from './heartbeat-watchdog'
import { DEFAULT_PACE, SendPacer, type PacerOptions } from './send-pacer'

/** Signals from the OS that the Electron glue feeds in (net, powerMonitor). */
export interface NetworkSignals {
  /** The network is back: try at once instead of waiting out the backoff. */
  online(): void
  /** No network: stop trying until online(). */
  offline(): void
  /** Woke from sleep: the socket is most likely dead, connect afresh at once. */
  resumed(): void
}

export interface ConnectionOptions {
  /** ws:// or wss:// URL of the server. */
  url: string
  /** Read at every connect, so a token renewed by signIn applies to the next socket. */
  token: () => string
  /** Upgrade plus `auth ok` must complete within this. */
  connectTimeoutMs?: number
  /** A connection that stayed open this long resets the backoff. */
  stableAfterMs?: number
  backoff?: BackoffOptions
  pace?: PacerOptions
}

export type AuthOk = ServerFrameOf<'auth'>
export type OutgoingFrame = { [E in ClientEvent]: ClientFrameInput<E> }[ClientEvent]

/** What sync and the outbox need of a connection: send a frame, know whether it is open. */
export type FrameLink = Pick<Connection, 'send' | 'isOpen'>

const PONG = JSON.stringify({ event: 'heartbeat', message: 'pong' })

export class Connection implements NetworkSignals {
  readonly stateChanged = new Listeners<ConnectionState>()
  /** Authenticated (`auth ok`) on a new socket: time to enter rooms and flush the outbox. */
  readonly opened = new Listeners<AuthOk>()
  /** Every server frame but heartbeats and the `auth ok` that opened the socket. */
  readonly frames = new Listeners<ServerFrame>()
  /** The socket is gone (whatever the reason); frames sent on it may or may not have arrived. */
  readonly closed = new Listeners<{ code: number }>()

  private current: ConnectionState = { status: 'signed-out', reason: 'not-signed-in' }
  private ws: WebSocket | undefined
  private pacer: SendPacer | undefined
  private authenticated = false
  private refused = false
  /** The token the current socket was opened with. */
  private socketToken = ''
  private running = false
  private networkUp = true
  private readonly backoff: Backoff
  private readonly watchdog = new HeartbeatWatchdog(() => this.ws?.terminate())
  private connectTimer: ReturnType<typeof setTimeout> | undefined
  private retryTimer: ReturnType<typeof setTimeout> | undefined
  private stableTimer: ReturnType<typeof setTimeout> | undefined
  private readonly connectTimeoutMs: number
  private readonly stableAfterMs: number

  constructor(private readonly options: ConnectionOptions) {
    this.backoff = new Backoff(options.backoff)
    this.connectTimeoutMs = options.connectTimeoutMs ?? 10_000
    this.stableAfterMs = options.stableAfterMs ?? 10_000
  }

  get state(): ConnectionState {
    return this.current
  }

  get isOpen(): boolean {
    return this.current.status === 'open'
  }

  start(): void {
    if (this.running) return
    this.running = true
    this.backoff.reset()
    if (this.networkUp) this.connect()
    else this.setState({ status: 'offline' })
  }

  /** Closes the socket and stays signed out until start(). */
  stop(reason: 'not-signed-in' | 'unauthorized' | 'database' = 'not-signed-in'): void {
    this.running = false
    clearTimeout(this.retryTimer)
    this.dropSocket(1000, 'close')
    this.setState({ status: 'signed-out', reason })
  }

  /**
   * Queues a frame for the open socket, paced under the server's rate limit. Returns false
   * when there is no open socket: the caller keeps what it must resend on the next open.
   */
  send(frame: OutgoingFrame): boolean {
    if (!this.pacer || !this.authenticated) return false
    this.pacer.push(JSON.stringify(frame))
    return true
  }

  online(): void {
    this.networkUp = true
    if (!this.running) return
    if (this.current.status === 'offline' || this.current.status === 'reconnecting') {
      this.backoff.reset()
      this.connect()
    }
  }

  offline(): void {
    this.networkUp = false
    // An open socket is left alone: if the network is really gone the watchdog ends it.
    if (this.running && this.current.status === 'reconnecting') {
      clearTimeout(this.retryTimer)
      this.setState({ status: 'offline' })
    }
  }

  /**
   * The user asked to try now (the banner's "retry now"): connect at once while waiting to
   * retry, even if the OS says offline, as its signal can be wrong. The backoff is not reset,
   * so a failure goes on waiting as long as before.
   */
  retryNow(): void {
    if (!this.running) return
    if (this.current.status === 'offline' || this.current.status === 'reconnecting') this.connect()
  }

  resumed(): void {
    if (!this.running || !this.networkUp) return
    // After sleep the peer has usually dropped us without a close frame; waiting for the
    // watchdog would leave the user looking at a stale room for up to 2 heartbeats.
    this.backoff.reset()
    this.connect()
  }

  private connect(): void {
    clearTimeout(this.retryTimer)
    this.dropSocket(1006, 'terminate')
    this.setState({ status: 'connecting', attempt: this.backoff.attempts + 1 })
    this.socketToken = this.options.token()
    const ws = new WebSocket(this.options.url, SUBPROTOCOL, {
      headers: { Authorization: `Bearer ${this.socketToken}` },
      handshakeTimeout: this.connectTimeoutMs,
    })
    this.ws = ws
    this.refused = false
    this.pacer = new SendPacer((text) => ws.send(text), this.options.pace ?? DEFAULT_PACE)
    this.connectTimer = setTimeout(() => ws.terminate(), this.connectTimeoutMs)
    ws.on('message', (data, isBinary) => this.onMessage(ws, data, isBinary))
    ws.on('close', (code) => this.onClose(ws, code))
    ws.on('unexpected-response', (_req, res) => this.onRefused(ws, res.statusCode))
    // The close event that follows every error is where recovery happens.
    ws.on('error', () => {})
  }

  private onRefused(ws: WebSocket, status: number | undefined): void {
    if (ws !== this.ws) return
    // PROTOCOL "Authentication": a bad or expired header token is refused with HTTP 401.
    this.refused = status === 401
    ws.terminate()
  }

  private onMessage(ws: WebSocket, data: WebSocket.RawData, isBinary: boolean): void {
    if (ws !== this.ws || isBinary) return
    const frame = parseServerFrame(rawText(data))
    if (!frame) return
    if (frame.event === 'heartbeat') {
      this.watchdog.beat()
      ws.send(PONG)
      return
    }
    if (frame.event === 'auth') {
      this.onAuthOk(frame)
      return
    }
    this.frames.emit(frame)
  }

  private onAuthOk(frame: AuthOk): void {
    // A later `auth ok` answers a token refresh on the same socket: nothing to re-enter.
    this.watchdog.start(frame.heartbeat)
    if (this.authenticated) return
    this.authenticated = true
    clearTimeout(this.connectTimer)
    this.stableTimer = setTimeout(() => this.backoff.reset(), this.stableAfterMs)
    this.setState({ status: 'open' })
    this.opened.emit(frame)
  }

  private onClose(ws: WebSocket, code: number): void {
    if (ws !== this.ws) return
    const refused = this.refused
    this.dropSocket(code, 'terminate')
    if (!this.running) return
    if (refused || code === CloseCode.unauthorized) {
      // A token renewed while this socket was refused has not been tried yet.
      if (this.options.token() !== this.socketToken) this.connect()
      else this.stop('unauthorized')
      return
    }
    // A draining server (1001) is not a failure of ours: come back within the first step.
    if (code === CloseCode.goingAway) this.backoff.reset()
    this.scheduleRetry()
  }

  private scheduleRetry(): void {
    if (!this.networkUp) {
      this.setState({ status: 'offline' })
      return
    }
    const delay = this.backoff.next()
    this.setState({
      status: 'reconnecting',
      nextTryAt: Date.now() + delay,
      attempt: this.backoff.attempts,
    })
    this.retryTimer = setTimeout(() => this.connect(), delay)
  }

  /**
   * Forgets the current socket and tells listeners once. A polite close is for stop(); a
   * socket replaced by a new one is terminated, as its peer may be gone.
   */
  private dropSocket(code: number, how: 'close' | 'terminate'): void {
    const ws = this.ws
    if (!ws) return
    this.ws = undefined
    const wasAuthenticated = this.authenticated
    this.authenticated = false
    this.pacer?.clear()
    this.pacer = undefined
    this.watchdog.stop()
    clearTimeout(this.connectTimer)
    clearTimeout(this.stableTimer)
    if (how === 'close' && ws.readyState === WebSocket.OPEN) ws.close(1000)
    else if (ws.readyState !== WebSocket.CLOSED) ws.terminate()
    if (wasAuthenticated) this.closed.emit({ code })
  }

  private setState(next: ConnectionState): void {
    this.current = next
    this.stateChanged.emit(next)
  }
}

function rawText(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8')
  return data.toString('utf8')
}
