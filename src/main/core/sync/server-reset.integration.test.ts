// A server that lost its history (the memory store restarted) answers an enter with a synced
// seq below the since it was sent: the core keeps what it held, below seq 1, and syncs the
// room afresh in the server's new numbering, losing and doubling nothing.
import { describe, expect, it } from 'vitest'
import {
  joined,
  outboxEmpty,
  reachedSeq,
  storedSeqs,
  storedTexts,
  waitFor,
  waitForStatus,
} from '../testing/core-harness'
import { useCoreServer, writeLines } from '../testing/core-server'

const t = useCoreServer({ memoryStore: true })

describe('a server that lost its history', () => {
  it('keeps what the core held and syncs the room afresh', async () => {
    const alice = await t.signedIn('alice')
    await joined(alice, 'r')
    for (const text of ['old 1', 'old 2', 'old 3']) await alice.send('r', text)
    await reachedSeq(alice, 'r', 3)
    await t.server.kill()
    await t.server.restart()
    const w = await t.writer('r')
    writeLines(w, 'r', 1, 1)
    await w.next((f) => f.event === 'message' && f.seq === 1)
    await waitForStatus(alice, 'open')
    await alice.send('r', 'new mine')
    await outboxEmpty(alice, 'r')
    await waitFor(async () => (await storedSeqs(alice, 'r')).length === 5, 'all five', 5000)
    expect(await storedTexts(alice, 'r')).toEqual(['old 1', 'old 2', 'old 3', 'line 1', 'new mine'])
    expect(await storedSeqs(alice, 'r')).toEqual([-2, -1, 0, 1, 2])
    expect(alice.problems).toEqual([{ kind: 'history-lost', roomId: 'r' }])
    expect((await alice.listRooms())[0]).toMatchObject({ latestSeq: 2, unread: 1 })
  })
})
