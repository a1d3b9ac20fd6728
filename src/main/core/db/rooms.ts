// Queries on rooms: membership, mute, read position, sync points and unread counts.
import type { Database } from 'better-sqlite3'
import { statement } from './statements'
import type { RoomRow } from './types'

const ROOM_COLUMNS = `room_id AS roomId, joined, muted, nickname, synced_seq AS syncedSeq,
  floor_seq AS floorSeq, latest_seq AS latestSeq, last_read_seq AS lastReadSeq, joined_at AS joinedAt,
  archive_shift AS archiveShift`

interface RawRoom extends Omit<RoomRow, 'joined' | 'muted'> {
  joined: number
  muted: number
}

function toRoom(raw: RawRoom): RoomRow {
  return { ...raw, joined: raw.joined === 1, muted: raw.muted === 1 }
}

export function getRoom(db: Database, roomId: string): RoomRow | undefined {
  const raw = statement(db, `SELECT ${ROOM_COLUMNS} FROM rooms WHERE room_id = ?`).get(roomId)
  return raw ? toRoom(raw as RawRoom) : undefined
}

/** Rooms the account is in, oldest join first: the order they are entered on connect. */
export function listJoinedRooms(db: Database): RoomRow[] {
  const rows = statement(
    db,
    `SELECT ${ROOM_COLUMNS} FROM rooms WHERE joined = 1 ORDER BY joined_at, room_id`,
  ).all() as RawRoom[]
  return rows.map(toRoom)
}

/**
 * Joins a room, or re-joins one forgotten while offline. A re-join keeps nothing of the old
 * sync point: the messages were deleted at forget.
 */
export function joinRoom(db: Database, roomId: string, nickname: string | null, now: number): void {
  statement(
    db,
    `INSERT INTO rooms (room_id, nickname, joined_at) VALUES (?, ?, ?)
     ON CONFLICT (room_id) DO UPDATE SET
       nickname = coalesce(excluded.nickname, nickname),
       synced_seq = CASE joined WHEN 1 THEN synced_seq END,
       joined = 1`,
  ).run(roomId, nickname, now)
}

/**
 * Drops the room's messages and outbox and marks it as forgotten; the row itself stays until
 * the forget frame has been sent (deleteRoom).
 */
export function forgetRoom(db: Database, roomId: string): void {
  db.transaction(() => {
    statement(db, 'DELETE FROM messages WHERE room_id = ?').run(roomId)
    statement(db, 'DELETE FROM outbox WHERE room_id = ?').run(roomId)
    statement(
      db,
      `UPDATE rooms SET joined = 0, synced_seq = NULL, floor_seq = 1, latest_seq = 0,
         last_read_seq = 0 WHERE room_id = ?`,
    ).run(roomId)
  })()
}

export function listForgottenRooms(db: Database): string[] {
  return statement(db, 'SELECT room_id FROM rooms WHERE joined = 0 ORDER BY room_id')
    .pluck()
    .all() as string[]
}

/** Removes a forgotten room's row once the server has been told. */
export function deleteForgottenRoom(db: Database, roomId: string): void {
  statement(db, 'DELETE FROM rooms WHERE room_id = ? AND joined = 0').run(roomId)
}

export function mutedRoomIds(db: Database): Set<string> {
  return new Set(
    statement(db, 'SELECT room_id FROM rooms WHERE joined = 1 AND muted = 1')
      .pluck()
      .all() as string[],
  )
}

export function setMuted(db: Database, roomId: string, muted: boolean): boolean {
  return (
    statement(db, 'UPDATE rooms SET muted = ? WHERE room_id = ?').run(muted ? 1 : 0, roomId)
      .changes > 0
  )
}

/**
 * Moves the read position forward only, and never past the latest seq known: a position
 * beyond it would count messages not yet sent as read. Returns whether it moved.
 */
export function markRead(db: Database, roomId: string, seq: number): boolean {
  return (
    statement(
      db,
      `UPDATE rooms SET last_read_seq = min(:seq, latest_seq)
       WHERE room_id = :roomId AND last_read_seq < min(:seq, latest_seq)`,
    ).run({ roomId, seq }).changes > 0
  )
}

/** Records sync progress; each value only moves forward. */
export function updateSyncPoint(
  db: Database,
  roomId: string,
  point: { syncedSeq?: number; floorSeq?: number; latestSeq?: number; lastReadSeq?: number },
): void {
  statement(
    db,
    `UPDATE rooms SET
       synced_seq = CASE WHEN :synced IS NULL THEN synced_seq
                         ELSE max(coalesce(synced_seq, 0), :synced) END,
       floor_seq = max(floor_seq, coalesce(:floor, 0)),
       latest_seq = max(latest_seq, coalesce(:latest, 0)),
       last_read_seq = max(last_read_seq, coalesce(:lastRead, 0))
     WHERE room_id = :roomId`,
  ).run({
    roomId,
    synced: point.syncedSeq ?? null,
    floor: point.floorSeq ?? null,
    latest: point.latestSeq ?? null,
    lastRead: point.lastReadSeq ?? null,
  })
}

/**
 * The server numbers the room from 1 again and holds seqs up to serverSeq: sync starts over
 * from nothing in its numbering. archiveShift, unless 0, is how far the held messages moved.
 */
export function restartSync(
  db: Database,
  roomId: string,
  serverSeq: number,
  archiveShift: number,
): void {
  statement(
    db,
    `UPDATE rooms SET synced_seq = 0, floor_seq = 1, latest_seq = :serverSeq,
       last_read_seq = min(last_read_seq, :serverSeq),
       archive_shift = CASE WHEN :archiveShift > 0 THEN :archiveShift ELSE archive_shift END
     WHERE room_id = :roomId`,
  ).run({ roomId, serverSeq, archiveShift })
}

/** Unread messages from others per joined room, read from the local copy. */
export function unreadCounts(db: Database, myUid: string): Map<string, number> {
  const rows = statement(
    db,
    `SELECT r.room_id AS roomId,
       (SELECT count(*) FROM messages m
         WHERE m.room_id = r.room_id AND m.seq > r.last_read_seq AND m.uid != ?) AS unread
     FROM rooms r WHERE r.joined = 1`,
  ).all(myUid) as { roomId: string; unread: number }[]
  return new Map(rows.map((r) => [r.roomId, r.unread]))
}
