// Queries on stored messages: idempotent inserts keyed by (room, seq), pages, and the
// seq look-ups sync needs to find holes.
import type { Database } from 'better-sqlite3'
import type { ChatMessage } from '../../../shared/protocol'
import { statement } from './statements'
import type { MessageRow } from './types'

const MESSAGE_COLUMNS = `room_id AS roomId, seq, server_id AS id, uid, name, body AS text, ts, cid`

/**
 * Stores messages, ignoring any (room, seq) already held and rooms not joined. Returns the
 * messages actually inserted. Run it inside the caller's transaction so a burst is one write.
 */
export function insertMessages(db: Database, messages: readonly ChatMessage[]): ChatMessage[] {
  const insert = statement(
    db,
    `INSERT INTO messages (room_id, seq, server_id, uid, name, body, ts, cid)
     SELECT :roomId, :seq, :id, :uid, :name, :message, :ts, :cid
     WHERE EXISTS (SELECT 1 FROM rooms WHERE room_id = :roomId AND joined = 1)
     ON CONFLICT (room_id, seq) DO NOTHING`,
  )
  const inserted: ChatMessage[] = []
  for (const m of messages) {
    const result = insert.run({
      roomId: m.roomId,
      seq: m.seq,
      id: m.id,
      uid: m.uid,
      name: m.name,
      message: m.message,
      ts: m.ts,
      cid: m.cid ?? null,
    })
    if (result.changes > 0) inserted.push(m)
  }
  return inserted
}

/** The newest `limit` messages of a room, oldest first. */
export function newestMessages(db: Database, roomId: string, limit: number): MessageRow[] {
  const rows = statement(
    db,
    `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE room_id = ? ORDER BY seq DESC LIMIT ?`,
  ).all(roomId, limit) as MessageRow[]
  return rows.reverse()
}

/** The newest `limit` messages with seq < before, oldest first. */
export function messagesBefore(
  db: Database,
  roomId: string,
  before: number,
  limit: number,
): MessageRow[] {
  const rows = statement(
    db,
    `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE room_id = ? AND seq < ?
     ORDER BY seq DESC LIMIT ?`,
  ).all(roomId, before, limit) as MessageRow[]
  return rows.reverse()
}

/** How many seqs in [from, to] are held. */
export function countHeld(db: Database, roomId: string, from: number, to: number): number {
  return statement(db, 'SELECT count(*) FROM messages WHERE room_id = ? AND seq BETWEEN ? AND ?')
    .pluck()
    .get(roomId, from, to) as number
}

/** Held seqs above `after`, ascending, at most `limit` of them. */
export function heldSeqsAfter(
  db: Database,
  roomId: string,
  after: number,
  limit: number,
): number[] {
  return statement(
    db,
    'SELECT seq FROM messages WHERE room_id = ? AND seq > ? ORDER BY seq LIMIT ?',
  )
    .pluck()
    .all(roomId, after, limit) as number[]
}

export function lowestHeldSeq(db: Database, roomId: string): number | undefined {
  const seq = statement(db, 'SELECT min(seq) FROM messages WHERE room_id = ?')
    .pluck()
    .get(roomId) as number | null
  return seq ?? undefined
}
