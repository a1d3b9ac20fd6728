// A real account database in a temporary directory per test, for tests of the query functions.
import type { Database } from 'better-sqlite3'
import { afterEach, beforeEach } from 'vitest'
import { openAccountDatabase } from '../db/open'
import { joinRoom } from '../db/rooms'
import { makeTempDir, type TempDir } from './temp-dir'

export const TEST_ACCOUNT = { serverUrl: 'ws://localhost:1/', uid: 'me' }

/** A fresh database for each test with these rooms joined (in this order), removed after it. */
export function useTestDatabase(...rooms: string[]): { readonly db: Database } {
  let dir: TempDir | undefined
  let db: Database | undefined
  beforeEach(() => {
    dir = makeTempDir()
    db = openAccountDatabase(dir.path, TEST_ACCOUNT)
    rooms.forEach((roomId, i) => joinRoom(db as Database, roomId, null, i + 1))
  })
  afterEach(() => {
    db?.close()
    dir?.remove()
  })
  return {
    get db() {
      if (!db) throw new Error('the database opens in beforeEach')
      return db
    },
  }
}
