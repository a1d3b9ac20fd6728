// Builders of server frames: one place that knows each frame's exact fields (PROTOCOL
// "Server → client"), serialised once so a broadcast reuses the same bytes.
import type { ErrorCode, ServerFrame, ServerFrameOf } from '../../src/shared/protocol'
import type { PresenceEntry, RoomCounts, StoredMessage } from '../store/types'

export function encode(frame: ServerFrame): string {
  return JSON.stringify(frame)
}

export function messageFrame(m: StoredMessage, num: number, repeat = false): string {
  const frame: ServerFrameOf<'message'> = {
    event: 'message',
    roomId: m.roomId,
    seq: m.seq,
    id: m.id,
    uid: m.uid,
    name: m.name,
    message: m.message,
    ts: m.ts,
    num,
  }
  if (m.cid !== undefined) frame.cid = m.cid
  if (repeat) frame.repeat = true
  return encode(frame)
}

// `message` is the tutorial's field for the nickname; `name` carries the same nickname, the
// one this connection shows in the room (PROTOCOL "Authentication": nickname rule).
export function enterFrame(roomId: string, entry: PresenceEntry, counts: RoomCounts): string {
  return encode({
    event: 'enter',
    roomId,
    message: entry.name,
    name: entry.name,
    uid: entry.uid,
    num: counts.num,
    users: counts.users,
  })
}

export function outFrame(roomId: string, entry: PresenceEntry, counts: RoomCounts): string {
  return encode({
    event: 'out',
    roomId,
    name: entry.name,
    uid: entry.uid,
    num: counts.num,
    users: counts.users,
  })
}

export function errorFrame(code: ErrorCode, message: string, ref?: string): string {
  return encode(
    ref === undefined ? { event: 'error', code, message } : { event: 'error', code, message, ref },
  )
}

export const NOAUTH_PLEASE_AUTH = encode({ event: 'noauth', message: 'please auth again' })
export const NOAUTH_EXPIRED = encode({ event: 'noauth', message: 'token expired' })
