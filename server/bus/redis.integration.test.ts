// The Bus contract over a real redis-server, plus what only several instances or an outage show.
import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startRedisServer } from '../testing/redis-server'
import type { RedisServer } from '../testing/redis-server'
import { DEFAULT_KEY_PREFIX, redisKeys } from '../store/redis/keys'
import { StoreUnavailableError } from '../store/types'
import { describeBus, messageEvent, record } from './bus.contract'
import { createRedisBus } from './redis'
import type { Bus } from './types'

let redis: RedisServer
let prefixes = 0
let instances = 0
beforeAll(async () => {
  redis = await startRedisServer()
})
afterAll(() => redis.stop())

/** A bus of a fresh instance. */
const instance = (url: string, keyPrefix?: string, instanceId = `i${++instances}`) =>
  createRedisBus({ url, keyPrefix, instanceId })

describeBus('redis', () => {
  const keyPrefix = `t${++prefixes}:`
  return { publisher: instance(redis.url, keyPrefix), listener: instance(redis.url, keyPrefix) }
})

const open: Bus[] = []
const make = (...args: Parameters<typeof instance>) => {
  const bus = instance(...args)
  open.push(bus)
  return bus
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((bus) => bus.close()))
})

describe('Redis bus with several instances', () => {
  it("lets two instances hear each other's events, not their own nor another prefix's", async () => {
    const [a, b] = [make(redis.url), make(redis.url)]
    const [stranger, strangerPeer] = [make(redis.url, 'other:'), make(redis.url, 'other:')]
    const [fromA, fromB, fromStranger] = [record(a), record(b), record(stranger)]
    await Promise.all([a.subscribe('r'), b.subscribe('r'), stranger.subscribe('r')])
    await a.publish(messageEvent('r', 1))
    await b.publish(messageEvent('r', 2))
    expect(await fromB.next(1)).toEqual([messageEvent('r', 1)])
    expect(await fromA.next(1)).toEqual([messageEvent('r', 2)])
    await strangerPeer.publish(messageEvent('r', 3))
    expect(await fromStranger.next(1)).toEqual([messageEvent('r', 3)])
    // A subscriber hears in publish order: neither the stranger's event nor an own one can
    // come between these.
    await b.publish(messageEvent('r', 4))
    await a.publish(messageEvent('r', 5))
    expect(await fromA.next(2)).toEqual([messageEvent('r', 2), messageEvent('r', 4)])
    expect(await fromB.next(2)).toEqual([messageEvent('r', 1), messageEvent('r', 5)])
  })

  it('skips its own events by their prefix, without parsing them', async () => {
    const [own, other] = [make(redis.url, undefined, 'me'), make(redis.url)]
    const heard = record(own)
    await own.subscribe('r')
    await own.publish(messageEvent('r', 1))
    const raw = new Redis(redis.url)
    // Parsing this would throw in the subscriber's reply handler.
    const channel = redisKeys(DEFAULT_KEY_PREFIX).channel('r')
    await raw.publish(channel, 'me|not json').finally(() => raw.quit())
    await other.publish(messageEvent('r', 2))
    expect(await heard.next(1)).toEqual([messageEvent('r', 2)])
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
