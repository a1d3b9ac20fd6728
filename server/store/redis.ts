// The Redis ChatStore: what several server instances share (messages, memberships, presence),
// assembled from one module per topic under ./redis/.
import { CID_RETENTION_MS } from './types'
import type { ChatStore } from './types'
import { busPayloads } from './redis/bus-payload'
import { createRedisConnection } from './redis/connection'
import { DEFAULT_KEY_PREFIX, redisKeys } from './redis/keys'
import { redisMemberships } from './redis/memberships'
import { redisMessages } from './redis/messages'
import { redisPresence } from './redis/presence'

export interface RedisStoreOptions {
  url: string
  /** This server instance: its Redis bus recognises the messages it appended by this id. */
  instanceId: string
  historyLimit: number
  /** Prepended to every key, so several deployments (or tests) can share one Redis. */
  keyPrefix?: string
  /** How long a cid is remembered (PROTOCOL.md: at least 24 h); shorter only in tests. */
  cidRetentionMs?: number
}

export function createRedisStore(options: RedisStoreOptions): ChatStore {
  const conn = createRedisConnection(options.url)
  const keys = redisKeys(options.keyPrefix ?? DEFAULT_KEY_PREFIX)
  return {
    kind: 'redis',
    announcesMessages: true,
    ...redisMessages(conn, keys, {
      historyLimit: options.historyLimit,
      cidRetentionMs: options.cidRetentionMs ?? CID_RETENTION_MS,
      payloads: busPayloads(options.instanceId),
    }),
    ...redisMemberships(conn, keys),
    ...redisPresence(conn, keys),
    ping: () => conn.run(async (client) => (await client.ping()) === 'PONG').catch(() => false),
    close: () => conn.close(),
  }
}
