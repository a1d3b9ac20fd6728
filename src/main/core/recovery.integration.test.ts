// The core against a server that dies, freezes, drains or refuses: nothing lost, nothing
// doubled, and no retry loop once the server says 4401.
import { describe, expect, it } from 'vitest'
import {
  joined,
  outboxEmpty,
  range,
  storedSeqs,
  storedTexts,
  waitFor,
  waitForStatus,
} from './testing/core-harness'
import { useCoreServer } from './testing/core-server'

const HEARTBEAT_MS = 300
const t = useCoreServer({
  env: { HEARTBEAT_INTERVAL_MS: String(HEARTBEAT_MS), AUTH_TIMEOUT_MS: '300' },
})

describe('recovery', () => {
  it('loses and doubles nothing when the server is killed and restarted mid-traffic', async () => {
    const alice = await t.signedIn('alice')
    const bob = await t.signedIn('bob')
    await joined(alice, 'storm')
    await joined(bob, 'storm')
    const total = 60
    const texts = range(1, total).map((i) => `message ${i}`)
    // Written at once: the outbox paces them out over seconds, so the kill lands mid-stream,
    // with messages stored but not yet echoed, in flight, and not yet sent.
    for (const text of texts) await alice.send('storm', text)
    await waitFor(async () => (await storedSeqs(bob, 'storm')).length >= 20, 'traffic flowing')
    await t.server.kill()
    await t.server.restart()
    await outboxEmpty(alice, 'storm')
    await waitFor(
      async () => (await storedSeqs(bob, 'storm')).length === total,
      'bob has every message',
      20_000,
    )
    for (const core of [alice, bob]) {
      expect(await storedSeqs(core, 'storm')).toEqual(range(1, total))
      expect((await storedTexts(core, 'storm')).sort()).toEqual([...texts].sort())
    }
    // One sender, one outbox in order: the server stored them in the order written.
    expect(await storedTexts(bob, 'storm')).toEqual(texts)
  })

  it('delivers sends made while the server is down exactly once when it returns', async () => {
    const alice = await t.signedIn('alice2')
    const bob = await t.signedIn('bob2')
    await joined(alice, 'later')
    await joined(bob, 'later')
    await t.server.kill()
    await waitFor(() => alice.states.at(-1)?.status !== 'open', 'alice notices')
    const pending = []
    for (let i = 1; i <= 5; i++) pending.push(await alice.send('later', `offline ${i}`))
    expect(pending.every((m) => m.state === 'pending' && m.seq === null)).toBe(true)
    await t.server.restart()
    await outboxEmpty(alice, 'later')
    await waitFor(async () => (await storedSeqs(bob, 'later')).length === 5, 'bob has all five')
    await new Promise((r) => setTimeout(r, 500))
    expect(await storedTexts(bob, 'later')).toEqual(range(1, 5).map((i) => `offline ${i}`))
    expect(await storedSeqs(alice, 'later')).toEqual(range(1, 5))
  })

  it('keeps pending sends across an app restart and delivers them once', async () => {
    const bob = await t.signedIn('bob5')
    await joined(bob, 'restart')
    await t.server.kill()
    const first = t.core('alice5')
    await first.signIn({ serverUrl: t.server.url, token: await t.server.token('alice5') })
    await first.joinRoom('restart')
    await first.send('restart', 'written before quitting')
    await first.close()
    await t.server.restart()
    const second = t.core('alice5')
    await second.signIn({ serverUrl: t.server.url, token: await t.server.token('alice5') })
    await outboxEmpty(second, 'restart')
    await waitFor(async () => (await storedSeqs(bob, 'restart')).length === 1, 'bob has it')
    expect(await storedTexts(bob, 'restart')).toEqual(['written before quitting'])
  })

  it('leaves a send refused as unavailable pending, and resends it once storage is back', async () => {
    const proxy = await t.proxy()
    const refused: unknown[] = []
    proxy.dropFromServer = (f) => {
      if (f.event === 'error') refused.push(f)
      return false
    }
    const alice = await t.signedIn('alice7', { url: proxy.url })
    await joined(alice, 'flaky')
    t.redis.pause()
    const sent = await alice.send('flaky', 'while storage hangs')
    try {
      await waitFor(() => refused.length > 0, 'unavailable', 10_000)
      expect(refused[0]).toMatchObject({ code: 'unavailable', ref: sent.cid })
      // Not at once: the server has just said its storage is down.
      await new Promise((r) => setTimeout(r, 1500))
      const tries = proxy.fromClients.filter((f) => f.cid === sent.cid)
      expect(tries).toHaveLength(1)
      expect((await alice.newestPage('flaky')).messages).toMatchObject([{ state: 'pending' }])
    } finally {
      t.redis.resume()
    }
    await outboxEmpty(alice, 'flaky')
    expect(await storedTexts(alice, 'flaky')).toEqual(['while storage hangs'])
  })

  it('answers not_in_room by entering the room again, then sends, instead of resending at once', async () => {
    const proxy = await t.proxy()
    const alice = await t.signedIn('alice8', { url: proxy.url })
    await joined(alice, 'elsewhere')
    // The same account forgets the room on another device: this socket is out of it.
    const otherDevice = await t.writer('elsewhere', 'alice8')
    otherDevice.send({ event: 'forget', roomId: 'elsewhere' })
    // Frames are handled in order: once rooms is answered, the forget has been acted on.
    otherDevice.send({ event: 'rooms' })
    expect(await otherDevice.next('rooms')).toMatchObject({ rooms: [] })
    const sent = await alice.send('elsewhere', 'into the void')
    const tries = () => proxy.fromClients.filter((f) => f.cid === sent.cid).length
    await new Promise((r) => setTimeout(r, 1000))
    expect(tries()).toBe(1)
    expect((await alice.newestPage('elsewhere')).messages).toMatchObject([{ state: 'pending' }])
    await outboxEmpty(alice, 'elsewhere')
    expect(await storedTexts(alice, 'elsewhere')).toEqual(['into the void'])
    expect(tries()).toBe(2)
  })

  it('detects a frozen server with the watchdog and comes back when it thaws', async () => {
    const alice = await t.signedIn('alice3')
    await joined(alice, 'frozen')
    t.server.pause()
    const pausedAt = Date.now()
    try {
      await waitFor(() => alice.states.at(-1)?.status !== 'open', 'watchdog fires', 5000)
      // Two missed intervals, give or take the phase of the last ping.
      expect(Date.now() - pausedAt).toBeLessThan(4 * HEARTBEAT_MS + 1000)
    } finally {
      t.server.resume()
    }
    await waitForStatus(alice, 'open')
    await alice.send('frozen', 'thawed')
    await outboxEmpty(alice, 'frozen')
  })

  it('detects a path that stops forwarding, and gets through once it flows again', async () => {
    const proxy = await t.proxy()
    const alice = await t.signedIn('alice6', { url: proxy.url })
    proxy.frozen = true
    await waitFor(() => alice.states.at(-1)?.status !== 'open', 'watchdog fires', 5000)
    // New sockets get no auth ok through the frozen path: the connect timeout ends them.
    await waitFor(
      () => alice.states.filter((s) => s.status === 'connecting').length >= 3,
      'retries',
    )
    proxy.frozen = false
    await waitForStatus(alice, 'open')
  })

  it('stops retrying on 4401 and on a refused token, until a new token comes', async () => {
    // Expires a second from now; with the 5 s leeway the server says so after ~6 s, then
    // closes with 4401 when no fresh token comes within AUTH_TIMEOUT_MS.
    const core = await t.signedIn('dave', { token: { expiresIn: 1 } })
    await waitForStatus(core, 'signed-out', 15_000)
    expect(await core.getConnectionState()).toEqual({
      status: 'signed-out',
      reason: 'unauthorized',
    })
    expect(core.problems).toEqual([{ kind: 'token-expired' }])
    const statesAfter = core.states.length
    await new Promise((r) => setTimeout(r, 1000))
    expect(core.states.length).toBe(statesAfter)

    await core.signIn({
      serverUrl: t.server.url,
      token: await t.server.token('dave', { expiresIn: -60 }),
    })
    await waitFor(() => core.states.length > statesAfter + 1, 'a try with the new token')
    await waitForStatus(core, 'signed-out')
    const refusedAt = core.states.length
    await new Promise((r) => setTimeout(r, 1000))
    expect(core.states.length).toBe(refusedAt)

    await core.signIn({ serverUrl: t.server.url, token: await t.server.token('dave') })
    await waitForStatus(core, 'open')
  })

  it('comes back promptly after a drain (1001)', async () => {
    const alice = await t.signedIn('alice4')
    await joined(alice, 'drain')
    await t.server.stop()
    await t.server.restart()
    await waitForStatus(alice, 'open')
    const statuses = alice.states.map((s) => s.status)
    expect(statuses.slice(0, 3)).toEqual(['connecting', 'open', 'reconnecting'])
    await alice.send('drain', 'after the drain')
    await outboxEmpty(alice, 'drain')
  })
})
