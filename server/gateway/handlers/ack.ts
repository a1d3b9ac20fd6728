// The ack frame: moves the read cursor forward (never back, never past the latest seq).
import type { ClientFrameOf } from '../../../src/shared/protocol'
import type { Session } from '../session'
import { member, unavailable } from './guards'

export async function handleAck(s: Session, f: ClientFrameOf<'ack'>, ref: string): Promise<void> {
  try {
    if (!(await member(s, f.roomId, ref))) return
    await s.ctx.store.advanceCursors([{ uid: s.uid, roomId: f.roomId, seq: f.seq }])
  } catch (err) {
    unavailable(s, err, ref, 'read position not saved')
  }
}
