// The message frame: checks in PROTOCOL's order, then one atomic, idempotent append; nothing
// goes out before the store answers. A repeated cid is answered to the sender alone.
import { randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import type { ClientFrameOf } from '../../../src/shared/protocol'
import { codePointLength } from '../../../src/shared/text'
import type { AppendResult } from '../../store/types'
import { messageFrame } from '../../wire/frames'
import type { Session } from '../session'
import { allowed, unavailable } from './guards'

export async function handleMessage(
  s: Session,
  f: ClientFrameOf<'message'>,
  ref: string,
): Promise<void> {
  const roomId = f.roomId ?? onlyRoom(s)
  const stream = roomId === undefined ? undefined : s.streams.get(roomId)
  if (roomId === undefined || !stream) {
    return s.sendError(
      'not_in_room',
      roomId ? `you are not in room ${roomId}` : 'say which room',
      ref,
    )
  }
  if (!allowed(s, roomId, ref)) return
  const { config, store, hub, metrics } = s.ctx
  if (codePointLength(f.message) > config.maxMessageChars) {
    return s.sendError('too_large', `message longer than ${config.maxMessageChars} characters`, ref)
  }
  const started = performance.now()
  let result: AppendResult
  try {
    result = await store.append({
      roomId,
      uid: s.uid,
      name: stream.nickname,
      text: f.message,
      cid: f.cid,
      ts: Date.now(),
      id: randomUUID(),
    })
  } catch (err) {
    return unavailable(s, err, ref, 'message not stored, send it again with the same cid')
  }
  metrics.storeLatency.observe((performance.now() - started) / 1000)
  if (result.repeat) return s.sendText(messageFrame(result.message, hub.counts(roomId).num, true))
  metrics.messagesIn.inc()
  hub.stored(result.message)
}

function onlyRoom(s: Session): string | undefined {
  return s.streams.size === 1 ? s.streams.first()!.roomId : undefined
}
