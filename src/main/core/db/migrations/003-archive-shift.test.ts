// Migration 003: every room, old or new, starts with no archive shift.
import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../migrate'
import { migration001 } from './001-initial'
import { migration002 } from './002-message-search'
import { migration003 } from './003-archive-shift'

describe('migration 003: archive shift', () => {
  it('gives every room, old or new, a shift of 0', () => {
    const db = new BetterSqlite3(':memory:')
    migrate(db, [migration001, migration002])
    db.prepare("INSERT INTO rooms (room_id, joined_at) VALUES ('old', 0)").run()
    migrate(db, [migration001, migration002, migration003])
    db.prepare("INSERT INTO rooms (room_id, joined_at) VALUES ('new', 0)").run()
    expect(
      db.prepare('SELECT room_id, archive_shift FROM rooms ORDER BY room_id').raw().all(),
    ).toEqual([
      ['new', 0],
      ['old', 0],
    ])
  })
})
