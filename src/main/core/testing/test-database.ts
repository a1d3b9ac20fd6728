// A real account database in a temporary directory, for tests of the query functions.
import type { Database } from 'better-sqlite3'
import { openAccountDatabase } from '../db/open'
import { makeTempDir } from './temp-dir'

export interface TestDatabase {
  db: Database
  dataDir: string
  close(): void
}

export const TEST_ACCOUNT = { serverUrl: 'ws://localhost:1/', uid: 'me' }

export function openTestDatabase(): TestDatabase {
  const dir = makeTempDir()
  const db = openAccountDatabase(dir.path, TEST_ACCOUNT)
  return {
    db,
    dataDir: dir.path,
    close() {
      db.close()
      dir.remove()
    },
  }
}
