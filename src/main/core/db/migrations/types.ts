// The shape of one schema migration: a number that user_version records, and its DDL.
import type { Database } from 'better-sqlite3'

export interface Migration {
  /** 1, 2, 3, … with no gaps: the value PRAGMA user_version takes once it has run. */
  version: number
  name: string
  up(db: Database): void
}
