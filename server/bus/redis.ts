// The Redis Bus: room events between server instances over pub/sub, one channel per room.
import { busPayloads } from '../store/redis/bus-payload'
import { createRedisConnection } from '../store/redis/connection'
import { DEFAULT_KEY_PREFIX, redisKeys } from '../store/redis/keys'
import { eventRoomId } from './event-room'
import type { Bus, BusListener } from './types'

export interface RedisBusOptions {
  url: string
  /** This server instance: its own events, the store's message announcements included, are skipped. */
  instanceId: string
  /** The same prefix as the store's, so deployments sharing a Redis do not hear each other. */
  keyPrefix?: string
}

export function createRedisBus(options: RedisBusOptions): Bus {
  const keys = redisKeys(options.keyPrefix ?? DEFAULT_KEY_PREFIX)
  const payloads = busPayloads(options.instanceId)
  // A connection in subscriber mode can only (un)subscribe, so publishing needs its own.
  const publisher = createRedisConnection(options.url)
  const subscriber = createRedisConnection(options.url)
  // Rooms we want, updated before the command is sent: a message can arrive in the same chunk as
  // the SUBSCRIBE confirmation, before the awaiting caller resumes.
  const rooms = new Set<string>()
  let listener: BusListener | undefined

  // ioredis resubscribes every channel it had by itself after a reconnect (autoResubscribe).
  subscriber.client.on('message', (_channel: string, payload: string) => {
    // Our own events were handled here before they were published: skip them unparsed.
    const event = payloads.decode(payload)
    if (!event) return
    // Not from inside the Redis reply parser: a throwing listener must not break the connection.
    queueMicrotask(() => {
      if (rooms.has(eventRoomId(event))) listener?.(event)
    })
  })

  return {
    async subscribe(roomId) {
      rooms.add(roomId)
      try {
        await subscriber.run((client) => client.subscribe(keys.channel(roomId)))
      } catch (error) {
        rooms.delete(roomId)
        throw error
      }
    },
    async unsubscribe(roomId) {
      rooms.delete(roomId)
      await subscriber.run((client) => client.unsubscribe(keys.channel(roomId)))
    },
    async publish(event) {
      const payload = payloads.encode(event)
      await publisher.run((client) => client.publish(keys.channel(eventRoomId(event)), payload))
    },
    onEvent(next) {
      listener = next
    },
    async close() {
      rooms.clear()
      listener = undefined
      await Promise.all([publisher.close(), subscriber.close()])
    },
  }
}
