// One ioredis connection tuned to fail fast while Redis is away and to heal by itself when it is
// back; the store and the bus both talk to Redis through it.
import { Redis, ReplyError } from 'ioredis'
import { StoreUnavailableError } from '../types'

/** How long a call waits for a connection attempt under way before answering `unavailable`. */
const READY_WAIT_MS = 1000
const COMMAND_TIMEOUT_MS = 1000
const CONNECT_TIMEOUT_MS = 2000

/** Reply errors that mean "Redis cannot serve now", not "this call is wrong". */
const TRANSIENT_REPLY = /^(LOADING|READONLY|MASTERDOWN|BUSY|OOM|TRYAGAIN|CLUSTERDOWN|NOREPLICAS)\b/

const DOWN = new Set(['reconnecting', 'close', 'end'])

export interface RedisConnection {
  readonly client: Redis
  /**
   * Runs one round trip once connected; any failure to reach Redis becomes StoreUnavailableError.
   * `cork: false` for a command that already gathers a turn's work: written at once, not held.
   */
  run<T>(roundTrip: (client: Redis) => Promise<T>, options?: { cork: boolean }): Promise<T>
  close(): Promise<void>
}

export function createRedisConnection(url: string): RedisConnection {
  const client = new Redis(url, {
    // No offline queue: a command is written only on a live connection, so a call that was
    // answered `unavailable` can never run later behind the caller's back.
    enableOfflineQueue: false,
    // Commands in flight when the connection drops are rejected, not resent: a resent append
    // without a cid would be stored twice.
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: CONNECT_TIMEOUT_MS,
    retryStrategy: (attempt) => Math.min(attempt * 50, 500),
  })
  // Outages surface as StoreUnavailableError from each call and as ping() === false; without a
  // listener ioredis would print every failed reconnect attempt.
  client.on('error', () => {})

  let ready: Promise<void> | undefined
  const whenReady = (): Promise<void> => {
    if (client.status === 'ready') return Promise.resolve()
    ready ??= new Promise<void>((resolve) =>
      client.once('ready', () => {
        ready = undefined
        resolve()
      }),
    )
    return ready
  }

  const waitReady = async () => {
    if (client.status === 'ready') return
    // Between reconnect attempts, fail at once: a session handles its frames in order, so each
    // one waiting out an outage would hold up all the others (PROTOCOL.md: `unavailable`).
    if (DOWN.has(client.status)) throw new Error(`redis connection ${client.status}`)
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('redis not connected')), READY_WAIT_MS)
    })
    try {
      await Promise.race([whenReady(), timeout])
    } finally {
      clearTimeout(timer)
    }
  }

  // Commands of one event-loop turn leave in one write: ioredis writes each command as it is
  // issued, a system call per append on our side and a read on Redis's. Corked until the turn's
  // end, the messages read from every socket in one poll share a write, and their replies and
  // announcements come back together too (many-rooms: about 15% less CPU here, 28% less in
  // redis-server; docs/benchmarks.md). Ordering is the socket's, unchanged.
  let corked = false
  const corkTurn = () => {
    if (corked) return
    corked = true
    const stream = client.stream
    stream.cork()
    setImmediate(() => {
      corked = false
      stream.uncork()
    })
  }

  return {
    client,
    async run(roundTrip, { cork } = { cork: true }) {
      try {
        await waitReady()
        if (cork) corkTurn()
        return await roundTrip(client)
      } catch (error) {
        if (error instanceof ReplyError && !TRANSIENT_REPLY.test((error as Error).message))
          throw error
        throw new StoreUnavailableError(error)
      }
    },
    async close() {
      if (client.status === 'ready') await client.quit().catch(() => {})
      client.disconnect()
    },
  }
}
