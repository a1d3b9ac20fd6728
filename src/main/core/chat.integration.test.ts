// Two real cores against a real server process on a real Redis: chat, history offline,
// search, send failures.
import { describe, expect, it } from 'vitest'
import type { NotificationRequest } from '../../shared/bridge'
import {
  joined,
  range,
  reachedSeq,
  readRoom,
  storedSeqs,
  storedTexts,
  waitFor,
} from './testing/core-harness'
import { useCoreServer } from './testing/core-server'

const t = useCoreServer({
  // The writer of the search test sends thousands of frames as fast as it can.
  env: { RATE_LIMIT_PER_SEC: '100000', RATE_LIMIT_BURST: '100000' },
})

describe('desktop core against the real server', () => {
  it('chats between two cores, with unread counts, notifications and presence', async () => {
    const alice = await t.signedIn('alice', { name: 'Alice' })
    const bob = await t.signedIn('bob', { name: 'Bob' })
    await alice.joinRoom('lobby')
    await bob.joinRoom('lobby')
    await waitFor(
      async () => (await alice.listRooms())[0]?.presence?.users === 2,
      'both in the lobby',
    )
    const notified: NotificationRequest[] = []
    bob.onNotify((n) => notified.push(n))
    bob.setWindowFocused(false)

    const sent = await alice.send('lobby', 'hi Bob')
    expect(sent).toMatchObject({ state: 'pending', seq: null, uid: 'alice', text: 'hi Bob' })
    await reachedSeq(bob, 'lobby', 1)
    await bob.send('lobby', 'hello Alice')
    // Both pages are read next: wait until each core holds seq 2, bob's own echo included.
    for (const core of [alice, bob]) await reachedSeq(core, 'lobby', 2)

    for (const core of [alice, bob]) {
      const page = await core.newestPage('lobby')
      expect(page.messages.map((m) => [m.seq, m.name, m.text, m.state])).toEqual([
        [1, 'Alice', 'hi Bob', 'sent'],
        [2, 'Bob', 'hello Alice', 'sent'],
      ])
      expect(page.messages[0]?.cid).toBe(sent.cid)
    }
    expect(notified).toEqual([
      { roomId: 'lobby', seq: 1, title: 'Alice in lobby', body: 'hi Bob', count: 1 },
    ])
    expect((await bob.listRooms())[0]?.unread).toBe(1)
    expect(await bob.getUnreadTotal()).toBe(1)
    await bob.markRead('lobby', 2)
    expect(await bob.getUnreadTotal()).toBe(0)
    await alice.setMuted('lobby', true)
    expect(await alice.getUnreadTotal()).toBe(0)
  })

  it('shows history from the same database file in a new core while the server is down', async () => {
    const alice = await t.signedIn('alice2', { name: 'Alice' })
    await alice.joinRoom('archive')
    for (const text of ['one', 'two', 'three']) await alice.send('archive', text)
    await reachedSeq(alice, 'archive', 3)
    await alice.close()
    await t.server.kill()
    try {
      const again = t.core('alice2')
      await again.signIn({ serverUrl: t.server.url, token: await t.server.token('alice2') })
      expect(await storedTexts(again, 'archive')).toEqual(['one', 'two', 'three'])
      expect((await again.getConnectionState()).status).not.toBe('open')
      const pending = await again.send('archive', 'four')
      expect((await again.newestPage('archive')).messages.at(-1)).toMatchObject({
        cid: pending.cid,
        state: 'pending',
      })
    } finally {
      await t.server.restart()
    }
  })

  it('finds a message among thousands, ranked, with the room and seq to jump to', async () => {
    const bob = await t.signedIn('bob3', { name: 'Bob' })
    await joined(bob, 'busy')
    const writer = await t.writer('busy')
    const total = 3000
    for (let i = 1; i <= total; i++) {
      const text = i === 1234 ? 'the quartermaster hid the key' : `ordinary chatter number ${i}`
      writer.send({ event: 'message', roomId: 'busy', message: text, cid: `w${i}` })
    }
    await reachedSeq(bob, 'busy', total)
    const hits = await bob.search('quarterm')
    expect(hits).toHaveLength(1)
    expect(hits[0]).toMatchObject({ roomId: 'busy', seq: 1234, uid: 'writer' })
    expect(hits[0]?.snippet.filter((p) => p.hit).map((p) => p.text)).toEqual(['quartermaster'])
    expect(await bob.search('chatter', { limit: 5 })).toHaveLength(5)
    expect(await storedSeqs(bob, 'busy')).toEqual(range(1, total))
  })

  it('marks a message the server refuses as too large failed, and lets it be discarded', async () => {
    const alice = await t.signedIn('alice4', { name: 'Alice' })
    await joined(alice, 'limits')
    const big = await alice.send('limits', 'x'.repeat(4001))
    await waitFor(
      async () => (await alice.newestPage('limits')).messages[0]?.state === 'failed',
      'failed',
    )
    expect((await alice.newestPage('limits')).messages).toMatchObject([
      { cid: big.cid, state: 'failed', failure: 'too_large' },
    ])
    await alice.retry(big.cid as string)
    await waitFor(
      async () => (await alice.newestPage('limits')).messages[0]?.state === 'failed',
      'failed again',
    )
    await alice.discard(big.cid as string)
    await alice.send('limits', 'short')
    await reachedSeq(alice, 'limits', 1)
    expect((await readRoom(alice, 'limits')).map((m) => m.text)).toEqual(['short'])
  })

  it('reports a room the token may not enter', async () => {
    const core = await t.signedIn('carol', { token: { rooms: ['allowed'] } })
    await core.joinRoom('secret')
    await waitFor(() => core.problems.length > 0, 'a problem')
    expect(core.problems).toEqual([{ kind: 'room-forbidden', roomId: 'secret' }])
  })
})
