// A database that fails while frames arrive (another program holds the file): one problem
// event and a stop, not a crash or a retry loop, and nothing lost once the user signs in again.
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { joined, reachedSeq, storedTexts, waitForStatus } from '../testing/core-harness'
import { useCoreServer, writeLines } from '../testing/core-server'
import { accountDatabasePath } from './open'

const t = useCoreServer()

describe('a database that fails while receiving', () => {
  it('reports db-locked once, stops, and catches up after the next sign-in', async () => {
    const alice = await t.signedIn('alice')
    await joined(alice, 'r')
    const file = accountDatabasePath(join(t.dataDir, 'alice'), {
      serverUrl: t.server.url,
      uid: 'alice',
    })
    const holder = new BetterSqlite3(file)
    holder.exec('BEGIN EXCLUSIVE')
    const w = await t.writer('r')
    writeLines(w, 'r', 1, 1)
    try {
      await waitForStatus(alice, 'signed-out')
      expect(await alice.getConnectionState()).toEqual({ status: 'signed-out', reason: 'database' })
      expect(alice.problems).toMatchObject([{ kind: 'database', code: 'db-locked' }])
      const states = alice.states.length
      await new Promise((r) => setTimeout(r, 500))
      expect(alice.states.length).toBe(states)
    } finally {
      holder.exec('COMMIT')
      holder.close()
    }
    await alice.signIn({ serverUrl: t.server.url, token: await t.server.token('alice') })
    await reachedSeq(alice, 'r', 1)
    expect(await storedTexts(alice, 'r')).toEqual(['line 1'])
    expect(alice.problems).toHaveLength(1)
  })
})
