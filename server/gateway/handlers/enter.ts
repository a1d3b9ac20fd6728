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
    // Advances delivered here but not saved yet count: they are newer than the stored cursor.
    const start = f.since ?? Math.max(membership.cursor, cursors.cursor(s.uid, roomId) ?? 0)
    const { seq, truncated } = await stream.replay(start, membership.seq)
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

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v
}
