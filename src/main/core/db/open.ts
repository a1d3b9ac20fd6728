// Opens (creating if needed) the one database file of an account under the caller's data
// directory: WAL, foreign keys, migrations, and a check that the file is this account's.
import { createHash } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import type { Database } from 'better-sqlite3'
import { ParleyCoreError } from '../errors'
import { toDatabaseError } from './errors'
import { migrate } from './migrate'
import { migrations } from './migrations'
import { statement } from './statements'

export interface AccountKey {
  serverUrl: string
  uid: string
}

/** How long a write waits for another connection's lock before giving up with db-locked. */
const BUSY_TIMEOUT_MS = 2000

/** The file name is a hash so any server URL and uid make a safe, fixed-length name. */
export function accountDatabasePath(dataDir: string, account: AccountKey): string {
  const digest = createHash('sha256')
    .update(`${account.serverUrl}\n${account.uid}`)
    .digest('hex')
    .slice(0, 32)
  return join(dataDir, `account-${digest}.sqlite`)
}

/** Throws ParleyCoreError (db-corrupt, db-locked, db-unavailable, db-too-new) on failure. */
export function openAccountDatabase(dataDir: string, account: AccountKey): Database {
  const file = accountDatabasePath(dataDir, account)
  let db: Database | undefined
  try {
    mkdirSync(dataDir, { recursive: true })
    db = new BetterSqlite3(file, { timeout: BUSY_TIMEOUT_MS })
    db.pragma('journal_mode = WAL')
    // NORMAL is durable across app crashes in WAL mode; only an OS crash can lose the last commits.
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    migrate(db, migrations)
    claimAccount(db, account, file)
    return db
  } catch (err) {
    db?.close()
    throw toDatabaseError(err, file)
  }
}

function claimAccount(db: Database, account: AccountKey, file: string): void {
  const row = statement(db, 'SELECT server_url AS serverUrl, uid FROM account').get() as
    AccountKey | undefined
  if (!row) {
    statement(db, 'INSERT INTO account (only, server_url, uid) VALUES (1, ?, ?)').run(
      account.serverUrl,
      account.uid,
    )
    return
  }
  if (row.serverUrl !== account.serverUrl || row.uid !== account.uid) {
    throw new ParleyCoreError(
      'db-unavailable',
      `The local message database ${file} belongs to another account (${row.uid} at ${row.serverUrl}).`,
    )
  }
}
