// Migration 1: the account the file belongs to, joined rooms, stored messages and the outbox.
import type { Migration } from './types'

export const migration001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      -- One row: which server and uid this file holds, checked at every open.
      CREATE TABLE account (
        only INTEGER PRIMARY KEY CHECK (only = 1),
        server_url TEXT NOT NULL,
        uid TEXT NOT NULL
      ) STRICT;

      CREATE TABLE rooms (
        room_id TEXT PRIMARY KEY,
        -- 0: forgotten here while offline; the forget frame still has to reach the server.
        joined INTEGER NOT NULL DEFAULT 1 CHECK (joined IN (0, 1)),
        muted INTEGER NOT NULL DEFAULT 0 CHECK (muted IN (0, 1)),
        nickname TEXT,
        -- Highest seq held with nothing missing from the join point on; NULL until the
        -- first synced. Every enter sends it as since.
        synced_seq INTEGER,
        -- The server keeps nothing below this seq any more (retention), so holes under it
        -- are not holes.
        floor_seq INTEGER NOT NULL DEFAULT 1,
        latest_seq INTEGER NOT NULL DEFAULT 0,
        last_read_seq INTEGER NOT NULL DEFAULT 0,
        joined_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE messages (
        row_id INTEGER PRIMARY KEY,
        room_id TEXT NOT NULL REFERENCES rooms (room_id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        server_id TEXT NOT NULL,
        uid TEXT NOT NULL,
        name TEXT NOT NULL,
        body TEXT NOT NULL,
        ts INTEGER NOT NULL,
        cid TEXT,
        -- (room, seq) is the identity: a replay or a repeat answer stores nothing new.
        UNIQUE (room_id, seq)
      ) STRICT;

      CREATE TABLE outbox (
        -- Send order: a new row always gets the highest position.
        position INTEGER PRIMARY KEY,
        cid TEXT NOT NULL UNIQUE,
        room_id TEXT NOT NULL REFERENCES rooms (room_id) ON DELETE CASCADE,
        body TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'failed')),
        failure TEXT CHECK (failure IN ('forbidden', 'too_large'))
      ) STRICT;
      CREATE INDEX outbox_by_room ON outbox (room_id, position);
    `)
  },
}
