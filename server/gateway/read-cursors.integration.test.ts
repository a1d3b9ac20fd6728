// Read cursors move as messages are delivered (docs/protocol.md), and what was delivered counts
// at once on the delivering instance: a second connection of the same user entering without
// `since`, and `rooms`, see it; a reconnect after a close, on any instance, starts from it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ParleyServer } from '../create-server'
import { TestClient } from '../testing/client'
import { startTestServer } from '../testing/in-process'
import { startRedisServer, type RedisServer } from '../testing/redis-server'
import { createRedisStore } from '../store/redis'
import { StoreGate } from '../testing/store-gate'
import { testToken } from '../testing/tokens'

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

async function enter(c: TestClient, roomId: string) {
  c.send({ event: 'enter', roomId })
  return c.next((f) => f.event === 'synced' && f.roomId === roomId)
}

describe.each([
  ['the in-process store', false],
  ['Redis, two instances', true],
])('read cursors with %s', (_name, useRedis) => {
  /** The instance that delivers, and the one a reconnect may land on. */
  let here: ParleyServer
  let there: ParleyServer
  const room = (name: string) => `${name}-${useRedis ? 'redis' : 'memory'}`

  beforeAll(async () => {
    const env: Record<string, string> = useRedis ? { REDIS_URL: redis.url } : {}
    here = await startTestServer(env)
    there = useRedis ? await startTestServer(env) : here
    servers.push(...new Set([here, there]))
  })

  it('a second connection entering right after a delivery starts past what the first got', async () => {
    const roomId = room('second')
    const bob = await user(here, 'rc-bob')
    const alice = await user(here, 'rc-alice')
    await enter(bob, roomId)
    await enter(alice, roomId)
    bob.send({ event: 'message', roomId, message: 'one' })
    await alice.next((f) => f.event === 'message' && f.seq === 1)
    const tab = await user(here, 'rc-alice')
    expect(await enter(tab, roomId)).toMatchObject({ seq: 1 })
    expect(tab.messages(roomId)).toEqual([])
  })

  it('rooms counts a delivered message as read at once', async () => {
    const roomId = room('list')
    const bob = await user(here, 'rl-bob')
    const alice = await user(here, 'rl-alice')
    await enter(bob, roomId)
    await enter(alice, roomId)
    bob.send({ event: 'message', roomId, message: 'one' })
    await alice.next((f) => f.event === 'message' && f.seq === 1)
    alice.send({ event: 'rooms' })
    expect((await alice.next('rooms')).rooms).toEqual([
      { roomId, seq: 1, cursor: 1, unread: 0, num: 2, users: 2 },
    ])
  })

  it('a reconnect after the close, on either instance, starts from what was delivered', async () => {
    const roomId = room('close')
    const bob = await user(here, 'rx-bob')
    const alice = await user(here, 'rx-alice')
    await enter(bob, roomId)
    await enter(alice, roomId)
    bob.send({ event: 'message', roomId, message: 'one' })
    await alice.next((f) => f.event === 'message' && f.seq === 1)
    alice.close()
    // Bob hearing that she left means her connection is closed on the server.
    await bob.next((f) => f.event === 'out' && f.uid === 'rx-alice')
    const back = await user(there, 'rx-alice')
    expect(await enter(back, roomId)).toMatchObject({ seq: 1 })
    expect(back.messages(roomId)).toEqual([])
  })
})

describe('a closing connection with Redis', () => {
  it('has saved its read cursors before its presence ends', async () => {
    const gate = new StoreGate()
    const server = await startTestServer(
      { REDIS_URL: redis.url },
      { wrapStore: (store) => gate.wrap(store) },
    )
    servers.push(server)
    const reader = createRedisStore({ url: redis.url, instanceId: 'reader', historyLimit: 100 })
    try {
      const bob = await user(server, 'rz-bob')
      const alice = await user(server, 'rz-alice')
      await enter(bob, 'rz')
      await enter(alice, 'rz')
      bob.send({ event: 'message', roomId: 'rz', message: 'one' })
      await alice.next((f) => f.event === 'message' && f.seq === 1)
      const leaving = gate.hold(
        'presenceRemove',
        (a) => (a[1] as { uid: string }).uid === 'rz-alice',
      )
      alice.close()
      await leaving.reached
      // Her `out` is not sent yet, and a reconnect that follows it must find the cursor saved.
      expect(await reader.memberships('rz-alice')).toEqual([{ roomId: 'rz', seq: 1, cursor: 1 }])
      leaving.release()
      await bob.next((f) => f.event === 'out' && f.uid === 'rz-alice')
    } finally {
      await reader.close()
    }
  })
})
