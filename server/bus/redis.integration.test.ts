// The Bus contract over a real redis-server, plus what only several instances or an outage show.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startRedisServer } from '../testing/redis-server'
import type { RedisServer } from '../testing/redis-server'
import { StoreUnavailableError } from '../store/types'
import { describeBus, messageEvent, record } from './bus.contract'
import { createRedisBus } from './redis'
import type { Bus } from './types'

let redis: RedisServer
let prefixes = 0
beforeAll(async () => {
  redis = await startRedisServer()
})
afterAll(() => redis.stop())

describeBus('redis', () => createRedisBus({ url: redis.url, keyPrefix: `t${++prefixes}:` }))

const open: Bus[] = []
const make = (url: string, keyPrefix?: string) => {
  const bus = createRedisBus({ url, keyPrefix })
  open.push(bus)
  return bus
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((bus) => bus.close()))
})

describe('Redis bus with several instances', () => {
  it("lets two instances see each other's events, and not another prefix's", async () => {
    const [a, b, stranger] = [make(redis.url), make(redis.url), make(redis.url, 'other:')]
    const [fromA, fromB, fromStranger] = [record(a), record(b), record(stranger)]
    await Promise.all([a.subscribe('r'), b.subscribe('r'), stranger.subscribe('r')])
    await a.publish(messageEvent('r', 1))
    await b.publish(messageEvent('r', 2))
    const both = [messageEvent('r', 1), messageEvent('r', 2)]
    for (const seen of [fromA, fromB])
      expect(await seen.next(2)).toEqual(expect.arrayContaining(both))
    await stranger.publish(messageEvent('r', 3))
    expect(await fromStranger.next(1)).toEqual([messageEvent('r', 3)])
    expect(fromA.events).toHaveLength(2)
  })
})

describe('Redis bus during an outage', () => {
  let own: RedisServer
  beforeAll(async () => {
    own = await startRedisServer()
  })
  afterAll(() => own.stop())

  it('rejects with StoreUnavailableError while down and resubscribes by itself after', async () => {
    const [listener, sender] = [make(own.url), make(own.url)]
    const { events } = record(listener)
    await listener.subscribe('r')
    await own.kill()

    const started = Date.now()
    await expect(sender.publish(messageEvent('r', 1))).rejects.toBeInstanceOf(StoreUnavailableError)
    await expect(listener.subscribe('s')).rejects.toBeInstanceOf(StoreUnavailableError)
    expect(Date.now() - started).toBeLessThan(2000)

    await own.restart()
    // Publish until the listener's connection is back and subscribed again, without any call
    // from us: events published before that are lost, as pub/sub does.
    const deadline = Date.now() + 5000
    for (let seq = 2; events.length === 0 && Date.now() < deadline; seq++) {
      await sender.publish(messageEvent('r', seq)).catch(() => {})
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(events.length).toBeGreaterThan(0)
    expect(events.every((e) => e.type === 'message' && e.message.roomId === 'r')).toBe(true)
  })
})
