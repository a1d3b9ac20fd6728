// Several server processes on one Redis: messages cross instances in seq order without
// gaps, cid idempotency and counts are global, offline replay works through the other
// instance, and a kill -9 of one instance is survived.
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRedisStore } from './store/redis'
import { TestClient } from './testing/client'
import { startRedisServer, type RedisServer } from './testing/redis-server'
import { startServerProcess, type ServerProcess } from './testing/server-process'

let redis: RedisServer
let s1: ServerProcess
let s2: ServerProcess
const open: TestClient[] = []

beforeAll(async () => {
  redis = await startRedisServer()
  const env = {
    REDIS_URL: redis.url,
    HEARTBEAT_INTERVAL_MS: '300',
    RATE_LIMIT_PER_SEC: '10000',
    RATE_LIMIT_BURST: '10000',
    LOG_LEVEL: 'warn',
  }
  ;[s1, s2] = await Promise.all([startServerProcess(env), startServerProcess(env)])
})
afterAll(async () => {
  for (const c of open) c.ws.terminate()
  await Promise.all([s1.stop(), s2.stop()])
  await redis.stop()
})

async function user(server: ServerProcess, uid: string) {
  const c = await TestClient.connect(server.url, { token: await server.token(uid) })
  open.push(c)
  await c.next('auth')
  // Answer pings: the short heartbeat would otherwise end a busy test's sockets.
  c.ws.on('message', (d) => {
    if (d.toString().includes('"ping"')) c.send({ event: 'heartbeat', message: 'pong' })
  })
  return c
}

async function enter(c: TestClient, roomId: string, extra: Record<string, unknown> = {}) {
  c.send({ event: 'enter', roomId, ...extra })
  return c.next((f) => f.event === 'synced' && f.roomId === roomId, 10_000)
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1)

describe('several instances on one Redis', () => {
  it('crosses messages and keeps counts global', async () => {
    // Both found their Redis at start: no 'not reachable' warning.
    expect(s1.output() + s2.output()).not.toMatch(/not reachable/)
    const a = await user(s1, 'mi-a')
    const b = await user(s2, 'mi-b')
    await enter(a, 'cross')
    await enter(b, 'cross')
    expect(await a.next((f) => f.event === 'enter' && f.uid === 'mi-b')).toMatchObject({
      num: 2,
      users: 2,
    })
    a.send({ event: 'message', roomId: 'cross', message: 'from s1' })
    expect(await b.next('message')).toMatchObject({
      message: 'from s1',
      uid: 'mi-a',
      seq: 1,
      num: 2,
    })
    b.send({ event: 'message', roomId: 'cross', message: 'from s2' })
    expect(await a.next((f) => f.event === 'message' && f.seq === 2)).toMatchObject({
      message: 'from s2',
    })
  })

  it('delivers concurrent sends from both instances to every socket in seq order, no gaps', async () => {
    const readers = [
      await user(s1, 'r1'),
      await user(s2, 'r2'),
      await user(s1, 'r3'),
      await user(s2, 'r4'),
    ]
    for (const r of readers) await enter(r, 'race')
    const senders = await Promise.all(range(10).map((i) => user(i % 2 ? s1 : s2, `w${i}`)))
    for (const w of senders) await enter(w, 'race')
    for (let n = 0; n < 40; n++) {
      for (const [i, w] of senders.entries())
        w.send({ event: 'message', roomId: 'race', message: `${i}-${n}` })
    }
    for (const r of readers) {
      await r.next((f) => f.event === 'message' && f.seq === 400, 30_000)
      expect(r.messages('race').map((f) => f.seq)).toEqual(range(400))
    }
  }, 60_000)

  it('answers a cid repeated through the other instance as a repeat, stored once', async () => {
    const on1 = await user(s1, 'dup')
    const on2 = await user(s2, 'dup')
    const watcher = await user(s2, 'dup-watch')
    await enter(on1, 'dup')
    await enter(on2, 'dup')
    await enter(watcher, 'dup')
    on1.send({ event: 'message', roomId: 'dup', message: 'once', cid: 'same' })
    const original = await on1.next('message')
    on2.send({ event: 'message', roomId: 'dup', message: 'once', cid: 'same' })
    expect(await on2.next((f) => f.event === 'message' && f.repeat === true)).toEqual({
      ...original,
      repeat: true,
    })
    expect(await watcher.pending('message', 300)).toHaveLength(1)
  })

  it('replays what a user missed when it comes back through the other instance', async () => {
    const a = await user(s1, 'away-a')
    const b = await user(s1, 'away-b')
    await enter(a, 'away')
    await enter(b, 'away')
    b.close()
    await a.next((f) => f.event === 'out' && f.uid === 'away-b')
    a.send({ event: 'message', roomId: 'away', message: 'while you were out' })
    await a.next('message')
    const back = await user(s2, 'away-b')
    const synced = await enter(back, 'away')
    expect(back.messages('away').map((f) => f.message)).toEqual(['while you were out'])
    expect(synced.seq).toBe(1)
  })

  it('delivers a message whose announcement never came by the next heartbeat', async () => {
    const a = await user(s1, 'mi-quiet')
    await enter(a, 'quiet')
    const store = createRedisStore({ url: redis.url, instanceId: 'test', historyLimit: 1000 })
    const raw = new Redis(redis.url)
    try {
      // Both instances' subscriptions are cut: ioredis takes at least 50 ms to subscribe again,
      // so a message stored at once is announced to nobody.
      expect(await raw.client('KILL', 'TYPE', 'pubsub')).toBe(2)
      const { message } = await store.append({
        roomId: 'quiet',
        uid: 'mi-other',
        name: 'other',
        text: 'stored while nobody listened',
        ts: Date.now(),
        id: 'm-quiet',
      })
      expect(await a.next((f) => f.event === 'message' && f.roomId === 'quiet')).toMatchObject({
        seq: message.seq,
        message: 'stored while nobody listened',
      })
      // The next test needs both instances subscribed again.
      const deadline = Date.now() + 5000
      while (
        ((await raw.call('CLIENT', 'LIST', 'TYPE', 'pubsub')) as string).trim().split('\n').length <
        2
      ) {
        expect(Date.now()).toBeLessThan(deadline)
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    } finally {
      raw.disconnect()
      await store.close()
    }
  })

  it('survives kill -9 of one instance: counts drop, the other goes on, reconnects lose nothing', async () => {
    const doomed = await user(s1, 'k-doomed')
    const stays = await user(s2, 'k-stays')
    await enter(doomed, 'kill')
    await enter(stays, 'kill')
    stays.send({ event: 'message', roomId: 'kill', message: 'before' })
    await doomed.next('message')
    await s1.kill()
    // Its socket's presence expires within two heartbeat intervals; the room is told.
    expect(await stays.next((f) => f.event === 'out' && f.uid === 'k-doomed', 5000)).toMatchObject({
      num: 1,
      users: 1,
    })
    stays.send({ event: 'message', roomId: 'kill', message: 'after' })
    expect(await stays.next((f) => f.event === 'message' && f.message === 'after')).toMatchObject({
      seq: 2,
    })
    // Once: the sweeping instance skips its own bus echo of the `out` it sent.
    expect(stays.frames.filter((f) => f.event === 'out' && f.uid === 'k-doomed')).toHaveLength(1)
    await s1.restart()
    const back = await user(s1, 'k-doomed')
    expect(await enter(back, 'kill', { since: 1 })).toMatchObject({ seq: 2 })
    expect(back.messages('kill').map((f) => f.message)).toEqual(['after'])
  }, 30_000)
})
