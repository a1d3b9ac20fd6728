// `npm run bench:client`: the desktop core's figures. Prints a markdown table and appends JSON
// lines to bench/results/client.jsonl. Benchmarks that print, not timed tests.
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import BetterSqlite3 from 'better-sqlite3'
import { createParleyCore, type ParleyCore } from '../../src/main/core'
import { insertMessages } from '../../src/main/core/db/messages'
import { openAccountDatabase } from '../../src/main/core/db/open'
import { joinRoom, updateSyncPoint } from '../../src/main/core/db/rooms'
import { messages } from './dataset'
import { startReplayServer } from './replay-server'
import { appendJsonLines, markdownTable, measure, type Figure } from './stats'

const RESULTS = fileURLToPath(new URL('../results/client.jsonl', import.meta.url))
const BACKLOG = 10_000
const BIG_ROOM = 100_000
const INSERT_CHUNK = 10_000

/** An unsigned token is enough: the core reads sub to pick the database; no server checks it. */
function localToken(sub: string): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
  return `${part({ alg: 'none' })}.${part({ sub })}.`
}

function waitForLatest(core: ParleyCore, roomId: string, seq: number): Promise<void> {
  return new Promise((resolve) => {
    const off = core.onRooms((rooms) => {
      if (rooms.find((r) => r.roomId === roomId)?.latestSeq === seq) {
        off()
        resolve()
      }
    })
  })
}

async function ingestFigure(): Promise<Figure> {
  const server = await startReplayServer(messages('backlog', 1, BACKLOG))
  const runs = 5
  const result = await measure(runs, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-bench-'))
    const core = createParleyCore({ dataDir: dir })
    await core.signIn({ serverUrl: server.url, token: localToken('me') })
    const done = waitForLatest(core, 'backlog', BACKLOG)
    await core.joinRoom('backlog')
    await done
    const page = await core.newestPage('backlog', 1)
    if (page.messages[0]?.seq !== BACKLOG) throw new Error('backlog not stored')
    await core.close()
    rmSync(dir, { recursive: true, force: true })
  })
  await server.close()
  return {
    name: 'ingest backlog',
    detail: `${BACKLOG.toLocaleString('en')} replayed message frames over a local socket until stored (parse, validate, SQLite + FTS)`,
    runs,
    ...result,
    target: '< 1 s',
  }
}

/** How many messages contain the word: the size of the result set the ranking sorts. */
const wordCounts = new Map<string, number>()

function countWords(texts: readonly string[]): void {
  for (const text of texts) {
    for (const word of new Set(text.split(' ')))
      wordCounts.set(word, (wordCounts.get(word) ?? 0) + 1)
  }
}

/**
 * A signed-in core whose database holds BIG_ROOM messages in one room, all unread (the worst
 * case for the unread count); no server needed.
 */
async function bigRoomCore(dir: string): Promise<ParleyCore> {
  // Nothing listens on port 9: the core stays offline, as reads must work without a server.
  const serverUrl = 'ws://127.0.0.1:9/'
  const db = openAccountDatabase(dir, { serverUrl, uid: 'me' })
  joinRoom(db, 'big', null, Date.now())
  for (let from = 1; from <= BIG_ROOM; from += INSERT_CHUNK) {
    const chunk = messages('big', from, Math.min(BIG_ROOM, from + INSERT_CHUNK - 1))
    db.transaction(() => insertMessages(db, chunk))()
    countWords(chunk.map((m) => m.message))
  }
  updateSyncPoint(db, 'big', { syncedSeq: BIG_ROOM, latestSeq: BIG_ROOM })
  db.close()
  const core = createParleyCore({ dataDir: dir })
  await core.signIn({ serverUrl, token: localToken('me') })
  return core
}

/** One timed read on the big room: what it does, how often, and the target if there is one. */
interface ReadBench {
  name: string
  detail: string
  runs: number
  fn: (core: ParleyCore) => Promise<unknown>
  target?: string
}

function bigRoomBenches(): ReadBench[] {
  const room = `${BIG_ROOM.toLocaleString('en')} messages`
  const hits = (word: string) => (wordCounts.get(word) ?? 0).toLocaleString('en')
  const search = (name: string, query: string, runs: number, note: string): ReadBench => ({
    name: `search, ${name}`,
    detail: `search("${query}") over ${room}${note}, top 50 ranked`,
    runs,
    fn: (core) => core.search(query),
    target: '< 50 ms',
  })
  return [
    {
      name: 'newest page',
      detail: `newestPage(room, 50) on a room of ${room}`,
      runs: 500,
      fn: (core) => core.newestPage('big', 50),
      target: '< 5 ms',
    },
    {
      name: 'older page',
      detail: `pageBefore(room, 50000, 50), ${room}`,
      runs: 500,
      fn: (core) => core.pageBefore('big', 50_000, 50),
    },
    search('rare word', 'quartermaster', 100, ` (${hits('quartermaster')} matches)`),
    search('common word', 'deploy', 20, ` (${hits('deploy')} matches)`),
    search('two words', 'backup server', 50, ''),
    {
      name: 'room list',
      detail: `listRooms() with unread counts, ${room} all unread`,
      runs: 200,
      fn: (core) => core.listRooms(),
    },
  ]
}

async function bigRoomFigures(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-'))
  const core = await bigRoomCore(dir)
  const figures: Figure[] = []
  for (const { fn, ...bench } of bigRoomBenches()) {
    // Warm-up runs fill the statement cache and SQLite's page cache before timing.
    await measure(5, () => fn(core))
    figures.push({ ...bench, ...(await measure(bench.runs, () => fn(core))) })
  }
  await core.close()
  rmSync(dir, { recursive: true, force: true })
  return figures
}

const figures = [await ingestFigure(), ...(await bigRoomFigures())]
const sqlite = new BetterSqlite3(':memory:')
const env = {
  node: process.version,
  sqlite: sqlite.prepare('SELECT sqlite_version() AS v').pluck().get(),
  cpu: cpus()[0]?.model,
  cores: cpus().length,
}
sqlite.close()
console.log(markdownTable(figures))
console.log(`\nNode ${env.node}, SQLite ${String(env.sqlite)}, ${env.cores} × ${env.cpu}`)
appendJsonLines(RESULTS, figures, env)
console.log(`Appended ${figures.length} lines to ${RESULTS}`)
