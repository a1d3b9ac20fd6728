// The core against a server that dies, freezes, drains or refuses: nothing lost, nothing
// doubled, and no retry loop once the server says 4401.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startRedisServer, type RedisServer } from '../../../server/testing/redis-server'
import { startServerProcess, type ServerProcess } from '../../../server/testing/server-process'
import type { ParleyProblem } from '../../shared/bridge'
import {
  range,
  storedSeqs,
  storedTexts,
  testCore,
  waitFor,
  waitForStatus,
  type TestCore,
} from './testing/core-harness'
import { makeTempDir, type TempDir } from './testing/temp-dir'
import { startWsProxy } from './testing/ws-proxy'

const HEARTBEAT_MS = 300
let redis: RedisServer
let server: ServerProcess
let dir: TempDir
const cores: TestCore[] = []

beforeAll(async () => {
  redis = await startRedisServer()
  server = await startServerProcess({
    REDIS_URL: redis.url,
    HEARTBEAT_INTERVAL_MS: String(HEARTBEAT_MS),
    AUTH_TIMEOUT_MS: '300',
  })
})
afterAll(async () => {
  await server.stop()
  await redis.stop()
})
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close()
  dir?.remove()
})

async function signedIn(uid: string): Promise<TestCore> {
  const core = testCore(dir.path, uid)
  cores.push(core)
  await core.signIn({ serverUrl: server.url, token: await server.token(uid, { name: uid }) })
  await waitForStatus(core, 'open')
  return core
}

async function joined(core: TestCore, roomId: string): Promise<void> {
  await core.joinRoom(roomId)
  await waitFor(
    async () => (await core.listRooms()).find((r) => r.roomId === roomId)?.presence != null,
    `entered ${roomId}`,
  )
}

async function outboxEmpty(core: TestCore, roomId: string): Promise<void> {
  await waitFor(
    async () => (await core.newestPage(roomId)).messages.every((m) => m.state === 'sent'),
    'outbox drained',
    20_000,
  )
}

describe('recovery', () => {
  it('loses and doubles nothing when the server is killed and restarted mid-traffic', async () => {
    dir = makeTempDir()
    const alice = await signedIn('alice')
    const bob = await signedIn('bob')
    await joined(alice, 'storm')
    await joined(bob, 'storm')
    const total = 60
    const texts = range(1, total).map((i) => `message ${i}`)
    // Written at once: the outbox paces them out over seconds, so the kill lands mid-stream,
    // with messages stored but not yet echoed, in flight, and not yet sent.
    for (const text of texts) await alice.send('storm', text)
    await waitFor(async () => (await storedSeqs(bob, 'storm')).length >= 20, 'traffic flowing')
    await server.kill()
    await server.restart()
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
    dir = makeTempDir()
    const alice = await signedIn('alice2')
    const bob = await signedIn('bob2')
    await joined(alice, 'later')
    await joined(bob, 'later')
    await server.kill()
    await waitFor(() => alice.states.at(-1)?.status !== 'open', 'alice notices')
    const pending = []
    for (let i = 1; i <= 5; i++) pending.push(await alice.send('later', `offline ${i}`))
    expect(pending.every((m) => m.state === 'pending' && m.seq === null)).toBe(true)
    await server.restart()
    await outboxEmpty(alice, 'later')
    await waitFor(async () => (await storedSeqs(bob, 'later')).length === 5, 'bob has all five')
    await new Promise((r) => setTimeout(r, 500))
    expect(await storedTexts(bob, 'later')).toEqual(range(1, 5).map((i) => `offline ${i}`))
    expect(await storedSeqs(alice, 'later')).toEqual(range(1, 5))
  })

  it('keeps pending sends across an app restart and delivers them once', async () => {
    dir = makeTempDir()
    const bob = await signedIn('bob5')
    await joined(bob, 'restart')
    await server.kill()
    const first = testCore(dir.path, 'alice5')
    await first.signIn({ serverUrl: server.url, token: await server.token('alice5') })
    await first.joinRoom('restart')
    await first.send('restart', 'written before quitting')
    await first.close()
    await server.restart()
    const second = testCore(dir.path, 'alice5')
    cores.push(second)
    await second.signIn({ serverUrl: server.url, token: await server.token('alice5') })
    await outboxEmpty(second, 'restart')
    await waitFor(async () => (await storedSeqs(bob, 'restart')).length === 1, 'bob has it')
    expect(await storedTexts(bob, 'restart')).toEqual(['written before quitting'])
  })

  it('detects a frozen server with the watchdog and comes back when it thaws', async () => {
    dir = makeTempDir()
    const alice = await signedIn('alice3')
    await joined(alice, 'frozen')
    server.pause()
    const pausedAt = Date.now()
    try {
      await waitFor(() => alice.states.at(-1)?.status !== 'open', 'watchdog fires', 5000)
      // Two missed intervals, give or take the phase of the last ping.
      expect(Date.now() - pausedAt).toBeLessThan(4 * HEARTBEAT_MS + 1000)
    } finally {
      server.resume()
    }
    await waitForStatus(alice, 'open')
    await alice.send('frozen', 'thawed')
    await outboxEmpty(alice, 'frozen')
  })

  it('detects a path that stops forwarding, and gets through once it flows again', async () => {
    dir = makeTempDir()
    const proxy = await startWsProxy(server.url)
    try {
      const alice = testCore(dir.path, 'alice6')
      cores.push(alice)
      await alice.signIn({ serverUrl: proxy.url, token: await server.token('alice6') })
      await waitForStatus(alice, 'open')
      proxy.frozen = true
      await waitFor(() => alice.states.at(-1)?.status !== 'open', 'watchdog fires', 5000)
      // New sockets get no auth ok through the frozen path: the connect timeout ends them.
      await waitFor(
        () => alice.states.filter((s) => s.status === 'connecting').length >= 3,
        'retries',
      )
      proxy.frozen = false
      await waitForStatus(alice, 'open')
    } finally {
      await proxy.close()
    }
  })

  it('stops retrying on 4401 and on a refused token, until a new token comes', async () => {
    dir = makeTempDir()
    const core = testCore(dir.path, 'dave')
    cores.push(core)
    const problems: ParleyProblem[] = []
    core.onProblem((p) => problems.push(p))
    // Expires a second from now; with the 5 s leeway the server says so after ~6 s, then
    // closes with 4401 when no fresh token comes within AUTH_TIMEOUT_MS.
    await core.signIn({
      serverUrl: server.url,
      token: await server.token('dave', { expiresIn: 1 }),
    })
    await waitForStatus(core, 'open')
    await waitForStatus(core, 'signed-out', 15_000)
    expect(await core.getConnectionState()).toEqual({
      status: 'signed-out',
      reason: 'unauthorized',
    })
    expect(problems).toEqual([{ kind: 'token-expired' }])
    const statesAfter = core.states.length
    await new Promise((r) => setTimeout(r, 1000))
    expect(core.states.length).toBe(statesAfter)

    await core.signIn({
      serverUrl: server.url,
      token: await server.token('dave', { expiresIn: -60 }),
    })
    await waitFor(() => core.states.length > statesAfter + 1, 'a try with the new token')
    await waitForStatus(core, 'signed-out')
    const refusedAt = core.states.length
    await new Promise((r) => setTimeout(r, 1000))
    expect(core.states.length).toBe(refusedAt)

    await core.signIn({ serverUrl: server.url, token: await server.token('dave') })
    await waitForStatus(core, 'open')
  })

  it('comes back promptly after a drain (1001)', async () => {
    dir = makeTempDir()
    const alice = await signedIn('alice4')
    await joined(alice, 'drain')
    await server.stop()
    await server.restart()
    await waitForStatus(alice, 'open')
    const statuses = alice.states.map((s) => s.status)
    expect(statuses.slice(0, 3)).toEqual(['connecting', 'open', 'reconnecting'])
    await alice.send('drain', 'after the drain')
    await outboxEmpty(alice, 'drain')
  })
})
