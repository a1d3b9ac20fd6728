// Holes in a room's copy, made by a lossy path, a late join or the server's retention, and
// how sync fills or accepts them, against the real server.
import { describe, expect, it } from 'vitest'
import { joined, range, reachedSeq, storedSeqs, waitFor } from '../testing/core-harness'
import { useCoreServer, writeLines } from '../testing/core-server'

const HISTORY_LIMIT = 100
const t = useCoreServer({
  env: {
    HISTORY_LIMIT: String(HISTORY_LIMIT),
    RATE_LIMIT_PER_SEC: '100000',
    RATE_LIMIT_BURST: '100000',
  },
})

describe('gaps', () => {
  it('fills a gap revealed by a live message that skips a seq', async () => {
    const proxy = await t.proxy()
    let dropped = false
    proxy.dropFromServer = (f) => {
      if (dropped || f.event !== 'message' || f.seq !== 3) return false
      dropped = true
      return true
    }
    const bob = await t.signedIn('bob', { url: proxy.url })
    await joined(bob, 'lossy')
    const w = await t.writer('lossy')
    writeLines(w, 'lossy', 1, 5)
    await waitFor(async () => (await storedSeqs(bob, 'lossy')).length === 5, 'bob has 1..5')
    expect(dropped).toBe(true)
    expect(await storedSeqs(bob, 'lossy')).toEqual(range(1, 5))
    // Filled by a history request on the same socket, not by reconnecting.
    expect(bob.states.map((s) => s.status)).toEqual(['connecting', 'open'])
  })

  it('ends a pending send whose echo was lost when a history answer brings the message', async () => {
    const proxy = await t.proxy()
    // Alice's own live echoes get lost on the way; history answers pass.
    proxy.dropFromServer = (f) => f.event === 'message' && f.uid === 'alice'
    const alice = await t.signedIn('alice', { url: proxy.url })
    await joined(alice, 'echo')
    const w = await t.writer('echo')
    const sent = await alice.send('echo', 'mine')
    await w.next((f) => f.event === 'message' && f.seq === 1)
    writeLines(w, 'echo', 2, 2)
    await waitFor(async () => (await storedSeqs(alice, 'echo')).length === 2, 'the gap filled')
    const page = await alice.newestPage('echo')
    expect(page.messages.map((m) => [m.seq, m.text, m.state, m.cid])).toEqual([
      [1, 'mine', 'sent', sent.cid],
      [2, 'line 2', 'sent', 'echo-2'],
    ])
  })

  it('fills the history before a late join from the server as the user scrolls back', async () => {
    const w = await t.writer('late')
    writeLines(w, 'late', 1, 90)
    await w.next((f) => f.event === 'message' && f.seq === 90)
    const carol = await t.signedIn('carol')
    await carol.joinRoom('late')
    await reachedSeq(carol, 'late', 90)
    const first = await carol.pageBefore('late', 91, 30)
    expect(first.messages.map((m) => m.seq)).toEqual(range(61, 90))
    expect(first).toMatchObject({ complete: true, more: true })
    const older = await carol.pageBefore('late', 61, 200)
    expect(older.messages.map((m) => m.seq)).toEqual(range(1, 60))
    expect(older).toMatchObject({ complete: true, more: false })
  })

  it('accepts what retention dropped while the core was away, without asking again and again', async () => {
    const proxy = await t.proxy()
    const dave = await t.signedIn('dave', { url: proxy.url })
    await joined(dave, 'kept')
    const w = await t.writer('kept')
    writeLines(w, 'kept', 1, 10)
    await reachedSeq(dave, 'kept', 10)
    await dave.signOut()
    writeLines(w, 'kept', 11, 10 + 2 * HISTORY_LIMIT)
    await w.next((f) => f.event === 'message' && f.seq === 10 + 2 * HISTORY_LIMIT)
    await dave.signIn({ serverUrl: proxy.url, token: await t.server.token('dave') })
    const latest = 10 + 2 * HISTORY_LIMIT
    await reachedSeq(dave, 'kept', latest)
    const held = await storedSeqs(dave, 'kept')
    expect(held).toEqual([...range(1, 10), ...range(latest - HISTORY_LIMIT + 1, latest)])
    const page = await dave.pageBefore('kept', latest - HISTORY_LIMIT + 1, 50)
    expect(page.messages.map((m) => m.seq)).toEqual(range(1, 10))
    expect(page.complete).toBe(true)
    await new Promise((r) => setTimeout(r, 300))
    const asked = proxy.fromClients.filter((f) => f.event === 'history' || f.event === 'enter')
    expect(asked.map((f) => [f.event, f.since ?? f.before])).toEqual([
      ['enter', undefined],
      ['enter', 10],
    ])
  })
})
