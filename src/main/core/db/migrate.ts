// Brings a database file's schema up to date, one migration per transaction, recording
// progress in PRAGMA user_version.
import type { Database } from 'better-sqlite3'
import { ParleyCoreError } from '../errors'
import type { Migration } from './migrations/types'

/** Throws unless versions run 1, 2, 3, … with no gap or repeat: a list error is a bug. */
export function checkMigrationList(list: readonly Migration[]): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`)
    }
  })
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number
}

/** Runs the migrations the file has not seen yet; returns the version reached. */
export function migrate(db: Database, list: readonly Migration[]): number {
  checkMigrationList(list)
  const current = schemaVersion(db)
  if (current > list.length) {
    throw new ParleyCoreError(
      'db-too-new',
      `The local message database was written by a newer Parley (schema ${current}); update the app.`,
    )
  }
  for (const m of list.slice(current)) {
    // The version moves in the same transaction as the DDL: a crash leaves either both or neither.
    db.transaction(() => {
      m.up(db)
      db.pragma(`user_version = ${m.version}`)
    }).immediate()
  }
  return list.length
}
