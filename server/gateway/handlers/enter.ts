// The enter frame (PROTOCOL "Rooms", "Ordering, durability, offline delivery"): membership,
// presence and the `enter` broadcast, then the replay of what this connection has not seen,
// then `synced`; live messages wait behind the replay.
import type { ClientFrameOf } from '../../../src/shared/protocol'
import type { Session } from '../session'
import { allowed, unavailable } from './guards'

export async function handleEnter(
  s: Session,
  f: ClientFrameOf<'enter'>,
  ref: string,
): Promise<void> {
  const { roomId } = f
  if (!allowed(s, roomId, ref)) return
  const { store, hub, cursors } = s.ctx
  const nickname = nonEmpty(f.message) ?? nonEmpty(f.name) ?? s.identity!.name
  const existing = s.streams.get(roomId)
  const stream = existing ?? s.openStream(roomId, nickname)
  stream.nickname = nickname
  try {
    const membership = await store.join(s.uid, roomId)
    await hub.enter(s, roomId)
    if (forgotten(s, roomId, stream, ref)) return
    // Advances delivered here but not saved yet count: they are newer than the stored cursor.
    const start = f.since ?? Math.max(membership.cursor, cursors.cursor(s.uid, roomId) ?? 0)
    const { seq, truncated } = await stream.replay(start, membership.seq)
    if (forgotten(s, roomId, stream, ref)) return
    s.sendV1(
      JSON.stringify(
        truncated ? { event: 'synced', roomId, seq, truncated } : { event: 'synced', roomId, seq },
      ),
    )
    stream.resume()
  } catch (err) {
    // PROTOCOL: after a failed enter the connection is not in the room.
    await s.leaveRoom(roomId)
    unavailable(s, err, ref, 'not entered, enter again')
  }
}

/**
 * A `forget` of the room by another connection of the uid, handled while this enter waited on
 * storage, came after the join: the uid is no member and this connection left the room.
 */
function forgotten(
  s: Session,
  roomId: string,
  stream: ReturnType<Session['openStream']>,
  ref: string,
): boolean {
  if (s.streams.get(roomId) === stream) return false
  // It may have left before hub.enter added it; then it is a member of the room again.
  void s.ctx.hub.leave(s, roomId)
  s.sendError('not_in_room', `room ${roomId} was forgotten while entering it`, ref)
  return true
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v
}
