// Migration 2: a full-text index over message bodies, kept in step with messages by triggers.
import type { Migration } from './types'

export const migration002: Migration = {
  version: 2,
  name: 'message-search',
  up(db) {
    db.exec(`
      -- External content: the text lives once, in messages; the index holds only tokens.
      CREATE VIRTUAL TABLE messages_fts USING fts5 (
        body,
        content = 'messages',
        content_rowid = 'row_id',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts (rowid, body) VALUES (new.row_id, new.body);
      END;
      CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', old.row_id, old.body);
      END;
      CREATE TRIGGER messages_fts_update AFTER UPDATE OF body ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', old.row_id, old.body);
        INSERT INTO messages_fts (rowid, body) VALUES (new.row_id, new.body);
      END;
      -- Messages stored before this migration.
      INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');
    `)
  },
}
