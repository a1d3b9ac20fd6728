// Full-text search over the local copy: user text becomes a safe FTS5 query, hits come
// ranked (bm25) with a highlighted snippet and the room + seq to jump to.
import type { Database } from 'better-sqlite3'
import type { SearchHit, SearchOptions, SnippetPart } from '../../../shared/bridge'
import { statement } from './statements'

export const SEARCH_DEFAULT_LIMIT = 50
export const SEARCH_MAX_LIMIT = 200

// Control characters cannot be typed into a message box, so they are safe hit markers.
const HIT_START = '\u0002'
const HIT_END = '\u0003'
const SNIPPET_TOKENS = 12

/**
 * Builds an FTS5 MATCH expression from what the user typed: every word must occur, the last
 * one as a prefix (search as you type). Only letters and digits pass, so FTS5 syntax
 * (quotes, AND, NEAR, column filters) typed by the user is never interpreted.
 * Returns undefined when nothing searchable is left.
 */
export function toMatchExpression(query: string): string | undefined {
  const words = query.match(/[\p{L}\p{N}\p{M}]+/gu)
  if (!words) return undefined
  return words.map((w, i) => `"${w}"${i === words.length - 1 ? '*' : ''}`).join(' ')
}

/** Splits an FTS5 snippet with HIT_START/HIT_END markers into plain and hit parts. */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = []
  let hit = false
  let text = ''
  for (const ch of snippet) {
    if (ch === HIT_START || ch === HIT_END) {
      if (text) parts.push({ text, hit })
      text = ''
      hit = ch === HIT_START
    } else {
      text += ch
    }
  }
  if (text) parts.push({ text, hit })
  return parts
}

interface RawHit extends Omit<SearchHit, 'snippet'> {
  snippet: string
}

export function searchMessages(
  db: Database,
  query: string,
  options: SearchOptions = {},
): SearchHit[] {
  const match = toMatchExpression(query)
  if (!match) return []
  const limit = Math.min(Math.max(1, options.limit ?? SEARCH_DEFAULT_LIMIT), SEARCH_MAX_LIMIT)
  const roomFilter = options.roomId === undefined ? '' : 'AND m.room_id = :roomId'
  const rows = statement(
    db,
    `SELECT m.room_id AS roomId, m.seq, m.uid, m.name, m.ts,
       snippet(messages_fts, 0, '${HIT_START}', '${HIT_END}', '…', ${SNIPPET_TOKENS}) AS snippet
     FROM messages_fts JOIN messages m ON m.row_id = messages_fts.rowid
     WHERE messages_fts MATCH :match ${roomFilter}
     ORDER BY rank, m.ts DESC
     LIMIT :limit`,
  ).all({
    match,
    limit,
    ...(options.roomId === undefined ? {} : { roomId: options.roomId }),
  }) as RawHit[]
  return rows.map((r) => ({ ...r, snippet: snippetParts(r.snippet) }))
}
