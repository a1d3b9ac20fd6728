// How the load generator speaks to each server: the handshake, `enter`, the message frame, and
// recognising a delivery, a heartbeat or an error from a frame's first bytes without parsing it.
import { SUBPROTOCOL } from '../../src/shared/protocol'

export type ProtocolName = 'parley' | 'bare-ws' | 'socketio'

/** What a received text frame is, as far as the generator cares. */
export type FrameKind =
  | 'delivery'
  /** The connection is in its room and ready for the scenario. */
  | 'entered'
  /** The server's application-level ping; answer with `pong` when the protocol has one. */
  | 'ping'
  /** Socket.io's namespace handshake: send the enter that follows it. */
  | 'connected'
  | 'error'
  | 'other'

export interface WireProtocol {
  readonly name: ProtocolName
  readonly path: string
  readonly subprotocol?: string
  /** Frames to send as soon as the socket opens (before any reply). */
  opening(roomId: string, nickname: string): string[]
  /** Frames to send once the server answered the handshake (`connected`). */
  afterConnect(roomId: string): string[]
  message(roomId: string, text: string, cid: string): string
  pong?: string
  classify(buf: Buffer, start: number, end: number): FrameKind
}

const prefix = (s: string) => Buffer.from(s)

function startsWith(buf: Buffer, start: number, end: number, p: Buffer): boolean {
  if (end - start < p.length) return false
  for (let i = 0; i < p.length; i++) if (buf[start + i] !== p[i]) return false
  return true
}

// The JSON frames of PROTOCOL.md; bare-ws speaks the same shapes so both share one client.
const JSON_MESSAGE = prefix('{"event":"message"')
const JSON_SYNCED = prefix('{"event":"synced"')
const JSON_ENTER = prefix('{"event":"enter"')
const JSON_HEARTBEAT = prefix('{"event":"heartbeat"')
const JSON_ERROR = prefix('{"event":"error"')
const JSON_NOAUTH = prefix('{"event":"noauth"')

const jsonEnter = (roomId: string, nickname: string) =>
  JSON.stringify({ event: 'enter', roomId, message: nickname })
const jsonMessage = (roomId: string, text: string, cid: string) =>
  JSON.stringify({ event: 'message', roomId, message: text, cid })

export const parley: WireProtocol = {
  name: 'parley',
  path: '/',
  subprotocol: SUBPROTOCOL,
  opening: (roomId, nickname) => [jsonEnter(roomId, nickname)],
  afterConnect: () => [],
  message: jsonMessage,
  pong: JSON.stringify({ event: 'heartbeat', message: 'pong' }),
  classify(buf, start, end) {
    if (startsWith(buf, start, end, JSON_MESSAGE)) return 'delivery'
    if (startsWith(buf, start, end, JSON_HEARTBEAT)) return 'ping'
    // PROTOCOL "Ordering": `synced` ends the replay of `enter`; live messages follow it.
    if (startsWith(buf, start, end, JSON_SYNCED)) return 'entered'
    if (startsWith(buf, start, end, JSON_ERROR) || startsWith(buf, start, end, JSON_NOAUTH))
      return 'error'
    return 'other'
  },
}

export const bareWs: WireProtocol = {
  name: 'bare-ws',
  path: '/',
  opening: (roomId, nickname) => [jsonEnter(roomId, nickname)],
  afterConnect: () => [],
  message: jsonMessage,
  classify(buf, start, end) {
    if (startsWith(buf, start, end, JSON_MESSAGE)) return 'delivery'
    // The bare server answers `enter` to the newcomer alone, and broadcasts nothing else.
    if (startsWith(buf, start, end, JSON_ENTER)) return 'entered'
    if (startsWith(buf, start, end, JSON_ERROR)) return 'error'
    return 'other'
  },
}

// Engine.io v4 packet types (open 0, ping 2, pong 3, message 4) carrying socket.io packets
// (connect 0, event 2, ack 3, connect error 4): "40" joins the main namespace, "420[...]" is an
// event asking for ack 0, answered by "430[...]".
const SIO_CONNECTED = prefix('40')
const SIO_PING = prefix('2')
const SIO_ACK = prefix('430')
const SIO_MESSAGE = prefix('42["message"')
const SIO_ERROR = prefix('44')

export const socketio: WireProtocol = {
  name: 'socketio',
  path: '/socket.io/?EIO=4&transport=websocket',
  // The server sends its open packet first; joining the namespace need not wait for it.
  opening: () => ['40'],
  afterConnect: (roomId) => [`420${JSON.stringify(['enter', roomId])}`],
  message: (roomId, text, cid) =>
    `42${JSON.stringify(['message', { roomId, message: text, cid }])}`,
  pong: '3',
  classify(buf, start, end) {
    if (startsWith(buf, start, end, SIO_MESSAGE)) return 'delivery'
    if (startsWith(buf, start, end, SIO_ACK)) return 'entered'
    if (startsWith(buf, start, end, SIO_CONNECTED)) return 'connected'
    if (end - start === 1 && startsWith(buf, start, end, SIO_PING)) return 'ping'
    if (startsWith(buf, start, end, SIO_ERROR)) return 'error'
    return 'other'
  },
}

export const PROTOCOLS: Record<ProtocolName, WireProtocol> = {
  parley,
  'bare-ws': bareWs,
  socketio,
}

/** The send time the generator wrote into a message text as ~<microseconds>~, or -1. */
export function sentAtUs(buf: Buffer, start: number, end: number): number {
  const open = buf.indexOf(0x7e, start)
  if (open < 0 || open >= end) return -1
  let value = 0
  for (let i = open + 1; i < end; i++) {
    const c = buf[i]!
    if (c === 0x7e) return value
    if (c < 0x30 || c > 0x39) return -1
    value = value * 10 + (c - 0x30)
  }
  return -1
}

/** A message text carrying its send time, padded to `bytes` (ASCII, so bytes = characters). */
export function stampedText(sentUs: number, bytes: number): string {
  const stamp = `~${sentUs}~`
  return stamp.length >= bytes ? stamp : stamp + 'x'.repeat(bytes - stamp.length)
}
