// A dead or hanging Redis: clear `unavailable` errors, nothing accepted is lost, and the
// server recovers by itself when Redis answers again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ParleyServer } from './create-server'
import { TestClient } from './testing/client'
import { startTestServer } from './testing/in-process'
import { startRedisServer, type RedisServer } from './testing/redis-server'
import { testToken } from './testing/tokens'

let redis: RedisServer
let server: ParleyServer
let health: string

beforeAll(async () => {
  redis = await startRedisServer()
  server = await startTestServer({
    REDIS_URL: redis.url,
    RATE_LIMIT_PER_SEC: '10000',
    RATE_LIMIT_BURST: '10000',
  })
  health = `http://127.0.0.1:${server.port}/healthz`
})
afterAll(async () => {
  await server.close()
  await redis.stop()
})

async function user(uid: string) {
  const c = await TestClient.connect(server.url, { token: await testToken(uid) })
  await c.next('auth')
  return c
}

describe('redis outage', () => {
  it('answers unavailable while Redis hangs, loses nothing accepted, and recovers', async () => {
    expect(await (await fetch(health)).json()).toEqual({ ok: true, store: 'redis' })
    const a = await user('out-a')
    a.send({ event: 'enter', roomId: 'outage' })
    await a.next('synced')
    for (let i = 1; i <= 20; i++)
      a.send({ event: 'message', roomId: 'outage', message: `m${i}`, cid: `c${i}` })
    await a.next((f) => f.event === 'message' && f.cid === 'c20')

    redis.pause()
    for (let i = 21; i <= 30; i++)
      a.send({ event: 'message', roomId: 'outage', message: `m${i}`, cid: `c${i}` })
    const refused = await a.next('error', 15_000)
    expect(refused).toMatchObject({ code: 'unavailable', ref: 'c21' })
    expect((await fetch(health)).status).toBe(503)
    redis.resume()

    // The client resends what got no echo, with the same cids, until each is stored once.
    const deadline = Date.now() + 15_000
    let missing: number[]
    do {
      const echoed = new Set(a.messages('outage').map((f) => f.cid as string))
      missing = Array.from({ length: 30 }, (_, i) => i + 1).filter((i) => !echoed.has(`c${i}`))
      for (const i of missing)
        a.send({ event: 'message', roomId: 'outage', message: `m${i}`, cid: `c${i}` })
      await new Promise((r) => setTimeout(r, 300))
    } while (missing.length > 0 && Date.now() < deadline)
    expect(missing).toEqual([])
    expect((await fetch(health)).status).toBe(200)

    a.send({ event: 'history', roomId: 'outage', limit: 200 })
    const { messages } = await a.next('history')
    expect(messages.map((m: { seq: number }) => m.seq)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    )
    expect(new Set(messages.map((m: { cid: string }) => m.cid)).size).toBe(30)
    a.close()
  }, 60_000)

  it('refuses enter while Redis is dead and serves again after it restarts', async () => {
    const a = await user('dead-a')
    await redis.kill()
    a.send({ event: 'enter', roomId: 'dead' })
    expect(await a.next('error', 10_000)).toMatchObject({ code: 'unavailable', ref: 'enter' })
    a.send({ event: 'message', roomId: 'dead', message: 'x' })
    expect(await a.next('error')).toMatchObject({ code: 'not_in_room' })
    await redis.restart()
    const deadline = Date.now() + 15_000
    while ((await fetch(health)).status !== 200 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200))
    a.send({ event: 'enter', roomId: 'dead' })
    await a.next('synced', 10_000)
    a.send({ event: 'message', roomId: 'dead', message: 'alive again' })
    expect(await a.next('message', 10_000)).toMatchObject({ message: 'alive again', seq: 1 })
    a.close()
  }, 60_000)
})
