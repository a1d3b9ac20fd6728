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

/** Far below any seq a room holds: the parking range of a renumbering. */
const PARKED = 2 ** 50

/**
 * Moves every held message of a room below seq 1, in order, out of the way of a server that
 * numbers the room from 1 again. Returns the shift: the highest seq held, 0 if none is above 0.
 */
export function archiveMessages(db: Database, roomId: string): number {
  const highest = statement(db, 'SELECT max(seq) FROM messages WHERE room_id = ?')
    .pluck()
    .get(roomId) as number | null
  if (highest === null || highest <= 0) return 0
  // SQLite checks UNIQUE (room_id, seq) row by row during an UPDATE, so a plain shift can
  // collide with a row not moved yet: park every row far away first, then move it into place.
  statement(db, 'UPDATE messages SET seq = -seq - :parked WHERE room_id = :roomId').run({
    roomId,
    parked: PARKED,
  })
  statement(db, 'UPDATE messages SET seq = -(seq + :parked) - :shift WHERE room_id = :roomId').run({
    roomId,
    parked: PARKED,
    shift: highest,
  })
  return highest
}

/**
 * Deletes the archived copies (moved down by `shift`) of messages just stored again: a server
 * that lost only its newest messages still has these, and they must not show twice.
 */
export function dropArchivedCopies(
  db: Database,
  roomId: string,
  shift: number,
  stored: readonly ChatMessage[],
): void {
  const drop = statement(
    db,
    'DELETE FROM messages WHERE room_id = ? AND seq = ? AND server_id = ? AND seq <= 0',
  )
  for (const m of stored) if (m.seq <= shift) drop.run(roomId, m.seq - shift, m.id)
}
