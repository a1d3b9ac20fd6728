// leave (this connection's presence ends) and forget (the uid's membership ends everywhere).
import type { ClientFrameOf } from '../../../src/shared/protocol'
import type { Session } from '../session'
import { member, unavailable } from './guards'

export async function handleLeave(
  s: Session,
  f: ClientFrameOf<'leave'>,
  ref: string,
): Promise<void> {
  if (!s.streams.has(f.roomId)) {
    return s.sendError('not_in_room', `you are not in room ${f.roomId}`, ref)
  }
  await s.leaveRoom(f.roomId)
}

export async function handleForget(
  s: Session,
  f: ClientFrameOf<'forget'>,
  ref: string,
): Promise<void> {
  try {
    if (!(await member(s, f.roomId, ref))) return
    await s.ctx.store.forget(s.uid, f.roomId)
  } catch (err) {
    return unavailable(s, err, ref, 'room not forgotten')
  }
  s.ctx.hub.forget(s.uid, f.roomId)
}
