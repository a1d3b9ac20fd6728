// Database rows as the bridge's view types: what the renderer gets over IPC.
import type { MessageView, RoomView } from '../../shared/bridge'
import type { MessageRow, OutboxRow, RoomRow } from './db/types'

export function messageView(row: MessageRow): MessageView {
  return {
    roomId: row.roomId,
    seq: row.seq,
    id: row.id,
    cid: row.cid,
    uid: row.uid,
    name: row.name,
    text: row.text,
    ts: row.ts,
    state: 'sent',
    failure: null,
  }
}

/** An outbox row shows as the sender's own message, "sending" or "failed". */
export function outboxView(row: OutboxRow, sender: { uid: string; name: string }): MessageView {
  return {
    roomId: row.roomId,
    seq: null,
    id: null,
    cid: row.cid,
    uid: sender.uid,
    name: sender.name,
    text: row.text,
    ts: row.createdAt,
    state: row.state,
    failure: row.failure,
  }
}

export function roomView(
  row: RoomRow,
  unread: number,
  presence: { num: number; users: number } | undefined,
): RoomView {
  return {
    roomId: row.roomId,
    muted: row.muted,
    lastReadSeq: row.lastReadSeq,
    unread,
    latestSeq: row.latestSeq,
    presence: presence ?? null,
  }
}
