// The rooms frame: every room the uid is a member of, with unread counts and presence.
import type { RoomSummary } from '../../../src/shared/protocol'
import type { Session } from '../session'
import { unavailable } from './guards'

export async function handleRooms(s: Session, ref: string): Promise<void> {
  if (!s.v1) return
  const { store, hub, cursors } = s.ctx
  try {
    const memberships = await store.memberships(s.uid)
    const counts = await hub.sweep(memberships.map((m) => m.roomId))
    const rooms: RoomSummary[] = memberships.map((m) => {
      // What was delivered here but not saved yet counts (cursor-tracker.ts).
      const cursor = Math.min(m.seq, Math.max(m.cursor, cursors.cursor(s.uid, m.roomId) ?? 0))
      return {
        roomId: m.roomId,
        seq: m.seq,
        cursor,
        unread: Math.max(0, m.seq - cursor),
        ...(counts.get(m.roomId) ?? { num: 0, users: 0 }),
      }
    })
    s.sendV1(JSON.stringify({ event: 'rooms', rooms }))
  } catch (err) {
    unavailable(s, err, ref, 'rooms not read')
  }
}
