// The Redis connection on a real redis-server: the commands of one turn reach Redis in one write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Redis } from 'ioredis'
import { startRedisServer, type RedisServer } from '../../testing/redis-server'
import { createRedisConnection } from './connection'

let redis: RedisServer
let observer: Redis
beforeAll(async () => {
  redis = await startRedisServer()
  observer = new Redis(redis.url)
})
afterAll(async () => {
  observer.disconnect()
  await redis.stop()
})

/** Read events redis-server has processed, not counting the INFO that asks. */
async function readsProcessed(): Promise<number> {
  const info = await observer.info('stats')
  return Number(/total_reads_processed:(\d+)/.exec(info)![1]) - 1
}

describe('Redis connection', () => {
  it('sends the commands of one event-loop turn in one write, answering each in order', async () => {
    const conn = createRedisConnection(redis.url)
    await conn.run((c) => c.ping())
    const before = await readsProcessed()
    const replies = await Promise.all(
      Array.from({ length: 200 }, () => conn.run((c) => c.incr('turn'))),
    )
    const reads = (await readsProcessed()) - before - 1
    expect(replies).toEqual(Array.from({ length: 200 }, (_, i) => i + 1))
    // 200 commands are about 6 KB: one read, two if Redis woke up in the middle of the write.
    expect(reads).toBeLessThanOrEqual(2)
    await conn.close()
  })
})
