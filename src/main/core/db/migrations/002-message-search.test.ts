// Migration 002: the FTS5 index covers old messages and follows inserts, updates and deletes.
import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../migrate'
import { migration001 } from './001-initial'
import { migration002 } from './002-message-search'

function setUp(): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:')
  migrate(db, [migration001])
  db.prepare("INSERT INTO rooms (room_id, joined_at) VALUES ('r', 0)").run()
  return db
}

const insert = (db: BetterSqlite3.Database, seq: number, body: string) =>
  db
    .prepare(
      "INSERT INTO messages (room_id, seq, server_id, uid, name, body, ts) VALUES ('r', ?, ?, 'u', 'n', ?, 0)",
    )
    .run(seq, `id${seq}`, body)

const matches = (db: BetterSqlite3.Database, q: string) =>
  db.prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?').pluck().all(q)

describe('migration 002: message search', () => {
  it('indexes messages stored before it ran', () => {
    const db = setUp()
    insert(db, 1, 'older pancakes')
    migrate(db, [migration001, migration002])
    expect(matches(db, 'pancakes')).toHaveLength(1)
  })

  it('keeps the index in step on insert, update and delete', () => {
    const db = setUp()
    migrate(db, [migration001, migration002])
    insert(db, 1, 'café au lait')
    expect(matches(db, 'cafe')).toHaveLength(1)
    db.prepare("UPDATE messages SET body = 'green tea' WHERE seq = 1").run()
    expect(matches(db, 'cafe')).toHaveLength(0)
    expect(matches(db, 'tea')).toHaveLength(1)
    db.prepare('DELETE FROM messages').run()
    expect(matches(db, 'tea')).toHaveLength(0)
    db.prepare("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')").run()
  })
})
