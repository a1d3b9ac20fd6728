// One WebSocket connection: frames handled strictly in order, authentication state and
// deadlines, rate limit, compat vs parley.v1 output, and its room streams.
import type { Duplex } from 'node:stream'
import WebSocket from 'ws'
import {
  CloseCode,
  parseClientFrame,
  type ClientFrame,
  type ParsedClientFrame,
  type ErrorCode,
} from '../../src/shared/protocol'
import type { Identity } from '../auth/tokens'
import type { RoomMember } from '../rooms/local-room'
import { RoomStream, type RoomStreamSink } from '../rooms/room-stream'
import type { StoredMessage } from '../store/types'
import { NOAUTH_EXPIRED, NOAUTH_PLEASE_AUTH, errorFrame, messageFrame } from '../wire/frames'
import { PING_FRAME, textFrame, type WsFrame } from '../wire/ws-frame'
import type { GatewayContext } from './context'
import { Deadlines, type Deadline } from './deadlines'
import { EnteredRooms } from './entered-rooms'
import { handleFrame } from './handlers'
import { HEARTBEAT_SLICES } from './heartbeat'
import { RateLimiter } from './rate-limiter'
import { attachSession } from './session-socket'
import { SocketWriter } from './socket-writer'

// What an idle connection keeps is a benchmark figure (docs/benchmarks.md): one timer for every
// connection's deadline, not a Timeout and a closure each.
const deadlines = new Deadlines<Session>(deadlinePassed)
/** Unique in this process, so within each instance: presence is keyed by instanceId + connId. */
let lastConnId = 0

/** Stands for a binary frame in the queue: its bytes are never read, it gets bad_json. */
const BINARY = Symbol('binary frame')
type Inbound = WebSocket.RawData | typeof BINARY

function deadlinePassed(session: Session): void {
  session.deadlinePassed()
}

export class Session implements RoomMember, RoomStreamSink {
  readonly connId = String(++lastConnId)
  readonly heartbeatSlot = lastConnId % HEARTBEAT_SLICES
  /** Undefined while unauthenticated (before auth, or after the token expired). */
  identity: Identity | undefined
  /** The sub this connection belongs to once it authenticated; it never changes. */
  private sub: string | undefined
  /** Rooms this connection is in, in the order it entered them. */
  readonly streams = new EnteredRooms<RoomStream>()
  alive = true
  closed = false
  /** Frames that arrived while one was being handled; undefined when there are none. */
  private queue: Inbound[] | undefined
  private busy: Promise<void> | undefined
  private readonly limiter: RateLimiter
  /** Token expiry while authenticated, else the auth timeout. */
  private deadline: Deadline | undefined
  private cleanup: Promise<void> | undefined
  private readonly writer: SocketWriter

  constructor(
    readonly ctx: GatewayContext,
    private readonly ws: WebSocket,
    /** The upgraded TCP socket under `ws`: data frames are written to it directly, coalesced. */
    socket: Duplex,
    /** Whether the connection negotiated parley.v1 (else compat mode). */
    readonly v1: boolean,
  ) {
    this.writer = new SocketWriter(socket, ws)
    this.limiter = new RateLimiter(ctx.config.rateLimitPerSec, ctx.config.rateLimitBurst)
    attachSession(ws, this)
  }

  get uid(): string {
    return this.sub!
  }

  /** Starts the connection, authenticated already when the handshake carried a token. */
  start(identity: Identity | undefined): void {
    if (identity) this.authenticate(identity)
    else this.setDeadline(Date.now() + this.ctx.config.authTimeoutMs)
  }

  authenticate(identity: Identity): void {
    this.identity = identity
    this.sub = identity.uid
    this.setDeadline(identity.expiresAt)
    this.send(
      JSON.stringify({
        event: 'auth',
        message: 'ok',
        uid: identity.uid,
        name: identity.name,
        heartbeat: this.ctx.config.heartbeatIntervalMs,
      }),
    )
  }

  /** True when `sub` is not this connection's: re-auth for another user closes at once. */
  isOtherUser(sub: string): boolean {
    return this.sub !== undefined && this.sub !== sub
  }

  nickname(roomId: string): string {
    return this.streams.get(roomId)?.nickname ?? this.identity?.name ?? this.uid
  }

  deliver(roomId: string, message: StoredMessage, frame: WsFrame): void {
    this.streams.get(roomId)?.live(message, frame)
  }

  /** Writes one message frame of a room and advances the delivery cursor. */
  sendMessage(message: StoredMessage, frame?: WsFrame): void {
    // A closing socket writes nothing: its cursor must not claim what it never sent.
    if (this.ws.readyState !== WebSocket.OPEN) return
    this.send(frame ?? messageFrame(message, this.ctx.hub.counts(message.roomId).num))
    this.ctx.metrics.deliveries.inc()
    this.ctx.cursors.delivered(this.uid, message.roomId, message.seq)
  }

  sendText(frame: string | WsFrame): void {
    this.send(frame)
  }

  sendError(code: ErrorCode, message: string, ref?: string): void {
    this.ctx.metrics.errors.inc({ code })
    if (this.v1) this.send(errorFrame(code, message, ref))
  }

  /** Frames of the v1 extras (synced, history, rooms) never reach compat connections. */
  sendV1(frame: string): void {
    if (this.v1) this.send(frame)
  }

  /**
   * The connection's view of a room it enters; its holes are filled from the store. The session
   * itself is the stream's sink: methods, not closures per stream (an idle connection's memory
   * is a benchmark figure, and under tsx each named closure also carries a property table).
   */
  openStream(roomId: string, nickname: string): RoomStream {
    const stream = new RoomStream(roomId, nickname, this)
    this.streams.add(stream)
    return stream
  }

  fetchMessages(roomId: string, after: number, before: number | undefined, limit: number) {
    return this.ctx.store.range(roomId, { after, before, limit })
  }

  streamFailed(roomId: string, err: unknown): void {
    this.ctx.logger.error({ room: roomId, err, conn: this.connId }, 'cannot fill a hole: closing')
    this.close(CloseCode.internalError, 'storage unavailable')
  }

  dropRoom(roomId: string): void {
    if (this.streams.has(roomId)) void this.leaveRoom(roomId)
  }

  async leaveRoom(roomId: string): Promise<void> {
    // hub.leave reads this connection's nickname before its first await, so the `out`
    // carries the nickname shown in the room; only then is the stream dropped.
    const left = this.ctx.hub.leave(this, roomId)
    this.streams.delete(roomId)
    await left
  }

  close(code: number, reason: string): void {
    if (this.ws.readyState !== WebSocket.OPEN) return
    this.writer.flush()
    this.ws.close(code, reason)
  }

  terminate(): void {
    this.ws.terminate()
  }

  ping(): void {
    const first = this.streams.first()
    const num = first ? this.ctx.hub.counts(first.roomId).num : 0
    this.send(JSON.stringify({ event: 'heartbeat', message: 'ping', num }))
    // A WebSocket ping too, in the same write: browsers and ws answer it themselves, so a
    // client that ignores the JSON ping still proves it is alive.
    this.send(PING_FRAME)
  }

  /** Stops taking frames; resolves once the frame being handled (if any) is done. */
  async drain(): Promise<void> {
    this.closed = true
    this.queue = undefined
    await this.idle()
  }

  /** Resolves once the frame being handled (if any) is done. */
  async idle(): Promise<void> {
    while (this.busy) await this.busy
  }

  /** Socket closed: leave every room once the frame in flight is done. Idempotent. */
  onClosed(): Promise<void> {
    return (this.cleanup ??= this.leaveAll())
  }

  private async leaveAll(): Promise<void> {
    this.closed = true
    this.setDeadline(undefined)
    this.queue = undefined
    await this.idle()
    // Save how far this connection read before anyone hears it left: a reconnect that follows
    // its `out` (on any instance) starts from there.
    if (this.sub !== undefined) await this.ctx.cursors.flush()
    await Promise.all(this.streams.roomIds().map((roomId) => this.leaveRoom(roomId)))
  }

  private send(frame: string | WsFrame): void {
    if (this.ws.readyState !== WebSocket.OPEN) return
    this.writer.write(typeof frame === 'string' ? textFrame(frame) : frame)
    // A reader that never reads: close it rather than let its output grow without bound.
    if (this.writer.buffered > this.ctx.config.maxBufferedBytes) {
      this.ctx.logger.warn({ conn: this.connId }, 'closing a connection that does not read')
      this.ws.terminate()
    }
  }

  /** The deadline passed: the token expired, or the connection did not authenticate in time. */
  deadlinePassed(): void {
    this.deadline = undefined
    if (this.identity) this.expire()
    else this.close(CloseCode.unauthorized, 'authentication timed out')
  }

  // Frames are handled one at a time, in arrival order; a handler that awaits storage holds
  // the queue (PROTOCOL "Transport": an auth immediately followed by enter must work).
  receive(data: WebSocket.RawData, isBinary: boolean): void {
    this.alive = true
    if (this.closed) return
    const frame = isBinary ? BINARY : data
    if (this.busy || this.queue) (this.queue ??= []).push(frame)
    else this.run(frame)
  }

  private pump(): void {
    while (!this.busy && !this.closed && this.queue) {
      const frame = this.queue.shift()!
      // An idle connection keeps no queue (shifting keeps an array's capacity).
      if (this.queue.length === 0) this.queue = undefined
      this.run(frame)
    }
  }

  private run(frame: Inbound): void {
    let pending: Promise<void> | void
    try {
      pending = this.handle(frame)
    } catch (err) {
      return this.handlerFailed(err)
    }
    if (!pending) return
    this.busy = pending
      .catch((err: unknown) => this.handlerFailed(err))
      .finally(() => {
        this.busy = undefined
        this.pump()
      })
  }

  // A bug in one handler must cost one frame, not the process or the socket's queue.
  private handlerFailed(err: unknown): void {
    this.ctx.logger.error({ err, conn: this.connId }, 'frame handler failed')
  }

  private handle(frame: Inbound): Promise<void> | void {
    const parsed: ParsedClientFrame =
      frame === BINARY ? { ok: false, code: 'bad_json' } : parseClientFrame(frame.toString())
    if (!(parsed.ok && parsed.frame.event === 'heartbeat')) {
      const decision = this.limiter.take()
      if (decision === 'close') return this.close(CloseCode.policy, 'rate limit exceeded')
      if (decision === 'reject') {
        return this.sendError('rate_limited', 'too many frames, slow down', parsed.ref)
      }
    }
    if (!parsed.ok) {
      return this.sendError(
        parsed.code,
        parsed.code === 'bad_json' ? 'frame is not JSON' : 'frame is not a valid event',
        parsed.ref,
      )
    }
    return this.dispatch(parsed.frame, parsed.ref)
  }

  private dispatch(frame: ClientFrame, ref: string): Promise<void> | void {
    if (frame.event === 'heartbeat') return
    if (!this.identity && frame.event !== 'auth') return this.send(NOAUTH_PLEASE_AUTH)
    return handleFrame(this, frame, ref)
  }

  /** Replaces the connection's deadline; undefined: none. */
  private setDeadline(at: number | undefined): void {
    deadlines.cancel(this.deadline)
    this.deadline = at === undefined ? undefined : deadlines.add(at, this)
  }

  // PROTOCOL "Authentication": an expired socket stays in its rooms and keeps receiving, but
  // must re-authenticate within AUTH_TIMEOUT_MS.
  private expire(): void {
    this.identity = undefined
    this.send(NOAUTH_EXPIRED)
    this.setDeadline(Date.now() + this.ctx.config.authTimeoutMs)
  }
}
