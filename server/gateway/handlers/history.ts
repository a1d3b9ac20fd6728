// The history frame: a page of kept messages older than `before`, ascending, with `more`.
import {
  HISTORY_DEFAULT_LIMIT,
  HISTORY_MAX_LIMIT,
  type ClientFrameOf,
} from '../../../src/shared/protocol'
import type { Session } from '../session'
import { member, unavailable } from './guards'

export async function handleHistory(
  s: Session,
  f: ClientFrameOf<'history'>,
  ref: string,
): Promise<void> {
  if (!s.v1) return
  const limit = Math.min(f.limit ?? HISTORY_DEFAULT_LIMIT, HISTORY_MAX_LIMIT)
  try {
    if (!(await member(s, f.roomId, ref))) return
    // One extra row tells whether older kept messages exist.
    const rows = await s.ctx.store.range(f.roomId, { before: f.before, limit: limit + 1 })
    const more = rows.length > limit
    const page = more ? rows.slice(rows.length - limit) : rows
    // Entries carry the fields of message frames, `event` included (docs/protocol.md).
    const messages = page.map((m) => ({ event: 'message', ...m }))
    s.sendV1(JSON.stringify({ event: 'history', roomId: f.roomId, messages, more }))
  } catch (err) {
    unavailable(s, err, ref, 'history not read')
  }
}
