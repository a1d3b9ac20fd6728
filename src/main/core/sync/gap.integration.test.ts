// Holes in a room's copy, made by a lossy path, a late join or the server's retention, and
// how sync fills or accepts them, against the real server.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startRedisServer, type RedisServer } from '../../../../server/testing/redis-server'
import { startServerProcess, type ServerProcess } from '../../../../server/testing/server-process'
import { TestClient } from '../../../../server/testing/client'
import {
  range,
  storedSeqs,
  testCore,
  waitFor,
  waitForStatus,
  type TestCore,
} from '../testing/core-harness'
import { makeTempDir, type TempDir } from '../testing/temp-dir'
import { startWsProxy, type WsProxy } from '../testing/ws-proxy'

const HISTORY_LIMIT = 100
let redis: RedisServer
let server: ServerProcess
let dir: TempDir
let proxy: WsProxy | undefined
const cores: TestCore[] = []

beforeAll(async () => {
  redis = await startRedisServer()
  server = await startServerProcess({
    REDIS_URL: redis.url,
    HEARTBEAT_INTERVAL_MS: '1000',
    HISTORY_LIMIT: String(HISTORY_LIMIT),
    RATE_LIMIT_PER_SEC: '100000',
    RATE_LIMIT_BURST: '100000',
  })
})
afterAll(async () => {
  await server.stop()
  await redis.stop()
})
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close()
  await proxy?.close()
  proxy = undefined
  dir?.remove()
})

async function signedIn(uid: string, url = server.url): Promise<TestCore> {
  const core = testCore(dir.path, uid)
  cores.push(core)
  await core.signIn({ serverUrl: url, token: await server.token(uid) })
  await waitForStatus(core, 'open')
  return core
}

async function writer(roomId: string): Promise<TestClient> {
  const client = await TestClient.connect(server.url, { token: await server.token('writer') })
  client.send({ event: 'enter', roomId })
  await client.next('synced')
  return client
}

function write(client: TestClient, roomId: string, from: number, to: number): void {
  for (let i = from; i <= to; i++) {
    client.send({ event: 'message', roomId, message: `line ${i}`, cid: `${roomId}-${i}` })
  }
}

async function latestSeq(core: TestCore, roomId: string): Promise<number | undefined> {
  return (await core.listRooms()).find((r) => r.roomId === roomId)?.latestSeq
}

describe('gaps', () => {
  it('fills a gap revealed by a live message that skips a seq', async () => {
    dir = makeTempDir()
    proxy = await startWsProxy(server.url)
    let dropped = false
    proxy.dropFromServer = (f) => {
      if (dropped || f.event !== 'message' || f.seq !== 3) return false
      dropped = true
      return true
    }
    const bob = await signedIn('bob', proxy.url)
    await bob.joinRoom('lossy')
    await waitFor(async () => (await bob.listRooms())[0]?.presence != null, 'bob entered')
    const w = await writer('lossy')
    write(w, 'lossy', 1, 5)
    await waitFor(async () => (await storedSeqs(bob, 'lossy')).length === 5, 'bob has 1..5')
    w.close()
    expect(dropped).toBe(true)
    expect(await storedSeqs(bob, 'lossy')).toEqual(range(1, 5))
    // Filled by a history request on the same socket, not by reconnecting.
    expect(bob.states.map((s) => s.status)).toEqual(['connecting', 'open'])
  })

  it('fills the history before a late join from the server as the user scrolls back', async () => {
    dir = makeTempDir()
    const w = await writer('late')
    write(w, 'late', 1, 90)
    await w.next((f) => f.event === 'message' && f.seq === 90)
    const carol = await signedIn('carol')
    await carol.joinRoom('late')
    await waitFor(async () => (await latestSeq(carol, 'late')) === 90, 'carol synced')
    const first = await carol.pageBefore('late', 91, 30)
    expect(first.messages.map((m) => m.seq)).toEqual(range(61, 90))
    expect(first).toMatchObject({ complete: true, more: true })
    const older = await carol.pageBefore('late', 61, 200)
    expect(older.messages.map((m) => m.seq)).toEqual(range(1, 60))
    expect(older).toMatchObject({ complete: true, more: false })
    w.close()
  })

  it('accepts what retention dropped while the core was away, without asking again and again', async () => {
    dir = makeTempDir()
    proxy = await startWsProxy(server.url)
    const dave = await signedIn('dave', proxy.url)
    await dave.joinRoom('kept')
    await waitFor(async () => (await dave.listRooms())[0]?.presence != null, 'dave entered')
    const w = await writer('kept')
    write(w, 'kept', 1, 10)
    await waitFor(async () => (await latestSeq(dave, 'kept')) === 10, 'dave has 10')
    await dave.signOut()
    write(w, 'kept', 11, 10 + 2 * HISTORY_LIMIT)
    await w.next((f) => f.event === 'message' && f.seq === 10 + 2 * HISTORY_LIMIT)
    w.close()
    await dave.signIn({ serverUrl: proxy.url, token: await server.token('dave') })
    const latest = 10 + 2 * HISTORY_LIMIT
    await waitFor(async () => (await latestSeq(dave, 'kept')) === latest, 'dave caught up')
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
