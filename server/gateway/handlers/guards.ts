// Checks shared by handlers, each answering with PROTOCOL's error when it fails.
import { StoreUnavailableError } from '../../store/types'
import type { Session } from '../session'

/** The token's rooms claim, when present, limits which rooms may be used. */
export function allowed(s: Session, roomId: string, ref: string): boolean {
  const rooms = s.identity?.rooms
  if (!rooms || rooms.has(roomId)) return true
  s.sendError('forbidden', `your token does not allow room ${roomId}`, ref)
  return false
}

/** The uid is a lasting member of the room (history, ack, forget). */
export async function member(s: Session, roomId: string, ref: string): Promise<boolean> {
  if (await s.ctx.store.isMember(s.uid, roomId)) return true
  s.sendError('not_in_room', `you are not a member of room ${roomId}`, ref)
  return false
}

/** Storage failures become `unavailable`; anything else is a bug and propagates. */
export function unavailable(s: Session, err: unknown, ref: string, what: string): void {
  if (!(err instanceof StoreUnavailableError)) throw err
  s.sendError('unavailable', `storage unavailable: ${what}`, ref)
}
