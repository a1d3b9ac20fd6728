// The migration runner: a monotonic list, only pending steps, all-or-nothing, newer files refused.
import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { ParleyCoreError } from '../errors'
import { checkMigrationList, migrate, schemaVersion } from './migrate'
import { migrations } from './migrations'
import type { Migration } from './migrations/types'

const noop = (version: number, name = `m${version}`): Migration => ({ version, name, up() {} })

describe('migration runner', () => {
  it('accepts the real list', () => {
    expect(() => checkMigrationList(migrations)).not.toThrow()
  })

  it('rejects a list that is not 1, 2, 3, …', () => {
    expect(() => checkMigrationList([noop(1), noop(3)])).toThrow(/expected 2/)
    expect(() => checkMigrationList([noop(2)])).toThrow(/expected 1/)
    expect(() => checkMigrationList([noop(1), noop(1)])).toThrow(/expected 2/)
  })

  it('runs only the migrations a file has not seen and records the version', () => {
    const db = new BetterSqlite3(':memory:')
    const ran: number[] = []
    const track = (version: number): Migration => ({
      version,
      name: `t${version}`,
      up: () => void ran.push(version),
    })
    expect(migrate(db, [track(1), track(2)])).toBe(2)
    expect(migrate(db, [track(1), track(2), track(3)])).toBe(3)
    expect(ran).toEqual([1, 2, 3])
    expect(schemaVersion(db)).toBe(3)
  })

  it('rolls back the DDL and the version together when a migration fails', () => {
    const db = new BetterSqlite3(':memory:')
    const failing: Migration = {
      version: 2,
      name: 'fails',
      up(d) {
        d.exec('CREATE TABLE half_done (x)')
        throw new Error('boom')
      },
    }
    expect(() => migrate(db, [noop(1), failing])).toThrow('boom')
    expect(schemaVersion(db)).toBe(1)
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").all()
    expect(tables).toEqual([])
  })

  it('refuses a file written by a newer schema', () => {
    const db = new BetterSqlite3(':memory:')
    db.pragma('user_version = 9')
    expect(() => migrate(db, [noop(1)])).toThrow(ParleyCoreError)
    try {
      migrate(db, [noop(1)])
    } catch (err) {
      expect((err as ParleyCoreError).code).toBe('db-too-new')
    }
  })
})
