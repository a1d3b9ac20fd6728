// The ordering rule of docs/protocol.md, checked on every connection while messages are in
// flight, on each store as it is and with every store call delayed by a seeded random few
// milliseconds (server/testing/delayed-store.ts): calls overtake each other as Redis round
// trips do, so an enter's reads race appends, and a room's messages reach it out of order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ParleyServer } from '../create-server'
import { TestClient, type Frame } from '../testing/client'
import { delayedStore } from '../testing/delayed-store'
import { startTestServer } from '../testing/in-process'
import { ENTERED, orderingViolations } from '../testing/ordering-rule'
import { startRedisServer, type RedisServer } from '../testing/redis-server'
import { testToken } from '../testing/tokens'

const DELAY_MS = 4

let redis: RedisServer
const servers: ParleyServer[] = []
const open: TestClient[] = []

beforeAll(async () => {
  redis = await startRedisServer()
})
afterAll(async () => {
  for (const c of open) c.close()
  await Promise.all(servers.map((s) => s.close()))
  await redis.stop()
})

async function user(server: ParleyServer, uid: string) {
  const c = await TestClient.connect(server.url, { token: await testToken(uid) })
  open.push(c)
  await c.next('auth')
  return c
}

function enter(c: TestClient, roomId: string, extra: Record<string, unknown> = {}): void {
  c.frames.push({ event: ENTERED, roomId })
  c.send({ event: 'enter', roomId, ...extra })
}

const synced = (c: TestClient, roomId: string) =>
  c.next((f) => f.event === 'synced' && f.roomId === roomId, 15_000)
const gotSeq = (roomId: string, seq: number) => (f: Frame) =>
  f.event === 'message' && f.roomId === roomId && f.seq === seq

describe.each([
  { name: 'the in-process store', useRedis: false, delayed: false },
  { name: 'the in-process store, calls delayed', useRedis: false, delayed: true },
  { name: 'Redis, two instances', useRedis: true, delayed: false },
  { name: 'Redis, two instances, calls delayed', useRedis: true, delayed: true },
])('ordering on $name', ({ useRedis, delayed }) => {
  let a: ParleyServer
  /** The other instance (the same one without Redis). */
  let b: ParleyServer
  const tag = `${useRedis ? 'redis' : 'memory'}${delayed ? '-delayed' : ''}`

  beforeAll(async () => {
    const env: Record<string, string> = {
      RATE_LIMIT_PER_SEC: '10000',
      RATE_LIMIT_BURST: '10000',
      ...(useRedis ? { REDIS_URL: redis.url } : {}),
    }
    let seed = 11
    const start = () =>
      startTestServer(env, {
        wrapStore: delayed
          ? (store) => delayedStore(store, { seed: seed++, maxMs: DELAY_MS })
          : undefined,
      })
    a = await start()
    b = useRedis ? await start() : a
    servers.push(...new Set([a, b]))
  })

  it('readers entering while a writer sends get each message once, live ones after synced', async () => {
    const roomId = `flow-${tag}`
    const writer = await user(a, `${tag}-fw`)
    enter(writer, roomId)
    await synced(writer, roomId)
    const total = 80
    const readers: TestClient[] = []
    for (let i = 1; i <= total; i++) {
      writer.send({ event: 'message', roomId, message: `m${i}` })
      // Readers enter at different points of the flow, on both instances, with and without since.
      if (i % 16 === 0) {
        const r = await user(readers.length % 2 ? a : b, `${tag}-fr${i}`)
        enter(r, roomId, i % 32 === 0 ? { since: 0 } : {})
        readers.push(r)
      }
      if (i % 8 === 0) await writer.next(gotSeq(roomId, i - 4), 15_000)
    }
    // One reader enters again in the middle of its stream, without leaving.
    enter(readers[0]!, roomId, { since: 0 })
    for (const r of readers) await synced(r, roomId)
    await synced(readers[0]!, roomId)
    // Every reader is past its replay: one more message reaches all of them live.
    writer.send({ event: 'message', roomId, message: 'last' })
    for (const r of [writer, ...readers]) {
      await r.next(gotSeq(roomId, total + 1), 15_000)
      expect(orderingViolations(r.frames, roomId)).toEqual([])
    }
    expect(writer.messages(roomId).map((f) => f.seq)).toEqual(
      Array.from({ length: total + 1 }, (_, i) => i + 1),
    )
  })

  it('concurrent senders on every instance: every connection sees 1..n in order, no gap', async () => {
    const roomId = `burst-${tag}`
    const clients: TestClient[] = []
    for (let i = 0; i < 6; i++) {
      const c = await user(i % 2 ? a : b, `${tag}-b${i}`)
      enter(c, roomId)
      await synced(c, roomId)
      clients.push(c)
    }
    const each = 15
    for (let n = 0; n < each; n++)
      for (const [i, c] of clients.entries())
        c.send({ event: 'message', roomId, message: `${i}-${n}` })
    const total = each * clients.length
    for (const c of clients) {
      await c.next(gotSeq(roomId, total), 15_000)
      expect(orderingViolations(c.frames, roomId)).toEqual([])
      expect(c.messages(roomId)).toHaveLength(total)
    }
  })
})
