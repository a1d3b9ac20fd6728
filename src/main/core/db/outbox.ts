// Queries on the outbox: messages written locally that the server has not stored yet.
import type { Database } from 'better-sqlite3'
import type { SendFailure } from '../../../shared/bridge'
import { statement } from './statements'
import type { OutboxRow } from './types'

const OUTBOX_COLUMNS = `position, cid, room_id AS roomId, body AS text, created_at AS createdAt,
  state, failure`

export function addToOutbox(
  db: Database,
  row: { cid: string; roomId: string; text: string; createdAt: number },
): OutboxRow {
  return statement(
    db,
    `INSERT INTO outbox (cid, room_id, body, created_at) VALUES (?, ?, ?, ?)
     RETURNING ${OUTBOX_COLUMNS}`,
  ).get(row.cid, row.roomId, row.text, row.createdAt) as OutboxRow
}

export function getOutboxRow(db: Database, cid: string): OutboxRow | undefined {
  return statement(db, `SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE cid = ?`).get(cid) as
    OutboxRow | undefined
}

/** Pending rows of joined rooms in the order they were written: the order they are sent. */
export function pendingOutbox(db: Database): OutboxRow[] {
  return statement(
    db,
    `SELECT ${OUTBOX_COLUMNS} FROM outbox
     WHERE state = 'pending' AND room_id IN (SELECT room_id FROM rooms WHERE joined = 1)
     ORDER BY position`,
  ).all() as OutboxRow[]
}

export function roomOutbox(db: Database, roomId: string): OutboxRow[] {
  return statement(
    db,
    `SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE room_id = ? ORDER BY position`,
  ).all(roomId) as OutboxRow[]
}

/** The server stored the message: the row is done. Returns the row if it was there. */
export function removeFromOutbox(db: Database, cid: string): OutboxRow | undefined {
  return statement(db, `DELETE FROM outbox WHERE cid = ? RETURNING ${OUTBOX_COLUMNS}`).get(cid) as
    OutboxRow | undefined
}

export function markOutboxFailed(db: Database, cid: string, failure: SendFailure): boolean {
  return (
    statement(
      db,
      `UPDATE outbox SET state = 'failed', failure = ? WHERE cid = ? AND state = 'pending'`,
    ).run(failure, cid).changes > 0
  )
}

export function markOutboxPending(db: Database, cid: string): boolean {
  return (
    statement(db, `UPDATE outbox SET state = 'pending', failure = NULL WHERE cid = ?`).run(cid)
      .changes > 0
  )
}
