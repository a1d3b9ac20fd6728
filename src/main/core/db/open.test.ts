// Opening an account's file: WAL, migrations, one file per account, each failure as its code.
import { writeFileSync } from 'node:fs'
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { ParleyCoreError } from '../errors'
import { makeTempDir, type TempDir } from '../testing/temp-dir'
import { migrations } from './migrations'
import { accountDatabasePath, openAccountDatabase } from './open'

const alice = { serverUrl: 'ws://chat.example:3000/', uid: 'alice' }
let dir: TempDir
afterEach(() => dir.remove())

function openError(fn: () => unknown): ParleyCoreError {
  try {
    fn()
  } catch (err) {
    expect(err).toBeInstanceOf(ParleyCoreError)
    return err as ParleyCoreError
  }
  throw new Error('expected an error')
}

describe('openAccountDatabase', () => {
  it('creates one migrated WAL file per account, with foreign keys on', () => {
    dir = makeTempDir()
    const db = openAccountDatabase(`${dir.path}/nested`, alice)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length)
    expect(db.name).toBe(accountDatabasePath(`${dir.path}/nested`, alice))
    db.close()
    const bob = accountDatabasePath(dir.path, { ...alice, uid: 'bob' })
    const otherServer = accountDatabasePath(dir.path, { ...alice, serverUrl: 'ws://other/' })
    expect(new Set([accountDatabasePath(dir.path, alice), bob, otherServer]).size).toBe(3)
  })

  it('reopens the same file and keeps what was stored', () => {
    dir = makeTempDir()
    const db = openAccountDatabase(dir.path, alice)
    db.prepare("INSERT INTO rooms (room_id, joined_at) VALUES ('r', 1)").run()
    db.close()
    const again = openAccountDatabase(dir.path, alice)
    expect(again.prepare('SELECT room_id FROM rooms').pluck().all()).toEqual(['r'])
    again.close()
  })

  it('refuses a file that belongs to another account', () => {
    dir = makeTempDir()
    openAccountDatabase(dir.path, alice).close()
    const file = accountDatabasePath(dir.path, alice)
    const raw = new BetterSqlite3(file)
    raw.prepare("UPDATE account SET uid = 'mallory'").run()
    raw.close()
    expect(openError(() => openAccountDatabase(dir.path, alice)).message).toMatch(/another account/)
  })

  it('reports a damaged file as db-corrupt', () => {
    dir = makeTempDir()
    writeFileSync(accountDatabasePath(dir.path, alice), 'this is not a database'.repeat(400))
    const err = openError(() => openAccountDatabase(dir.path, alice))
    expect(err.code).toBe('db-corrupt')
    expect(err.message).toMatch(/damaged/)
  })

  it('reports a file held by another program as db-locked', () => {
    dir = makeTempDir()
    openAccountDatabase(dir.path, alice).close()
    const holder = new BetterSqlite3(accountDatabasePath(dir.path, alice))
    holder.pragma('locking_mode = EXCLUSIVE')
    holder.exec('BEGIN EXCLUSIVE')
    const started = Date.now()
    const err = openError(() => openAccountDatabase(dir.path, alice))
    expect(err.code).toBe('db-locked')
    expect(Date.now() - started).toBeLessThan(10_000)
    holder.exec('COMMIT')
    holder.close()
  })

  it('reports a data directory that cannot be created as db-unavailable', () => {
    dir = makeTempDir()
    writeFileSync(`${dir.path}/file`, '')
    expect(openError(() => openAccountDatabase(`${dir.path}/file/sub`, alice)).code).toBe(
      'db-unavailable',
    )
  })
})
