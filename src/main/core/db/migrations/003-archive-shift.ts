// Migration 3: where a room's messages went when the server lost its history, so a message the
// server still has can replace its archived copy instead of showing twice.
import type { Migration } from './types'

export const migration003: Migration = {
  version: 3,
  name: 'archive-shift',
  up(db) {
    db.exec(`
      -- A server that lost a room's history numbers it from 1 again; what was held then
      -- moved down by this much, to seq <= 0 (docs/desktop-core.md "A server that lost its
      -- history"). 0: never happened.
      ALTER TABLE rooms ADD COLUMN archive_shift INTEGER NOT NULL DEFAULT 0;
    `)
  },
}
