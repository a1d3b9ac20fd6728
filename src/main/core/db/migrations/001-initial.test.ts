// Migration 001: the tables, the (room, seq) identity and the outbox constraints.
import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../migrate'
import { migration001 } from './001-initial'

function columns(db: BetterSqlite3.Database, table: string): string[] {
  return (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name)
}

describe('migration 001: initial', () => {
  it('creates account, rooms, messages and outbox', () => {
    const db = new BetterSqlite3(':memory:')
    migrate(db, [migration001])
    expect(columns(db, 'rooms')).toEqual(
      expect.arrayContaining(['room_id', 'joined', 'muted', 'synced_seq', 'last_read_seq']),
    )
    expect(columns(db, 'messages')).toEqual(
      expect.arrayContaining(['room_id', 'seq', 'server_id', 'body', 'cid']),
    )
    expect(columns(db, 'outbox')).toEqual(
      expect.arrayContaining(['position', 'cid', 'room_id', 'state', 'failure']),
    )
  })

  it('keys messages by (room, seq) and deletes them with their room', () => {
    const db = new BetterSqlite3(':memory:')
    db.pragma('foreign_keys = ON')
    migrate(db, [migration001])
    db.prepare("INSERT INTO rooms (room_id, joined_at) VALUES ('r', 0)").run()
    const insert = db.prepare(
      "INSERT INTO messages (room_id, seq, server_id, uid, name, body, ts) VALUES ('r', 1, 'x', 'u', 'n', 'b', 0)",
    )
    insert.run()
    expect(() => insert.run()).toThrow(/UNIQUE/)
    db.prepare("DELETE FROM rooms WHERE room_id = 'r'").run()
    expect(db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 0 })
  })

  it('allows only known outbox states and failures', () => {
    const db = new BetterSqlite3(':memory:')
    migrate(db, [migration001])
    db.prepare("INSERT INTO rooms (room_id, joined_at) VALUES ('r', 0)").run()
    const add = db.prepare(
      "INSERT INTO outbox (cid, room_id, body, created_at, state, failure) VALUES (?, 'r', 'b', 0, ?, ?)",
    )
    add.run('a', 'failed', 'too_large')
    expect(() => add.run('b', 'lost', null)).toThrow(/CHECK/)
    expect(() => add.run('c', 'failed', 'whatever')).toThrow(/CHECK/)
  })
})
