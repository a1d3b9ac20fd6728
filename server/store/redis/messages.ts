// Messages in Redis: seq assignment, idempotent append, retention and range reads.
//
// Each room keeps its messages in a ZSET scored by seq rather than a LIST: every read the
// protocol makes is "by seq" (replay after a cursor, history before a seq, filling a hole between
// two seqs), which ZRANGE BYSCORE answers in O(log n + k) with no index arithmetic that would
// depend on the list and the seq counter agreeing; retention is one ZREMRANGEBYRANK. A member is
// the message's JSON, unique because it carries its seq.
import type { ChatStore, StoredMessage } from '../types'
import type { BusPayloads } from './bus-payload'
import type { RedisConnection } from './connection'
import { luaScript } from './keys'
import type { RedisKeys } from './keys'

// KEYS: seq, messages[, cid]. ARGV: the message JSON without seq, historyLimit, cid retention ms,
// the room's bus channel, then the bus payload's head and tail around the stored JSON.
// Check, INCR, store, trim, remember the cid and announce on the bus in one script: atomic across
// instances, one round trip, and a repeat returns the original even after retention trimmed it
// away. Announcing here means no message is ever stored but unannounced (an instance dying
// between two round trips), and every instance hears a room's messages in seq order.
const append = luaScript<[number, string]>(
  'parleyAppend',
  `
if KEYS[3] then
  local original = redis.call('GET', KEYS[3])
  if original then return {1, original} end
end
local seq = redis.call('INCR', KEYS[1])
local message = '{"seq":' .. seq .. ',' .. string.sub(ARGV[1], 2)
redis.call('ZADD', KEYS[2], seq, message)
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -1 - tonumber(ARGV[2]))
if KEYS[3] then redis.call('SET', KEYS[3], message, 'PX', ARGV[3]) end
redis.call('PUBLISH', ARGV[4], ARGV[5] .. message .. ARGV[6])
return {0, message}
`,
)

// KEYS: seq, messages. Both read in one script so that they describe the same instant.
const oldestSeq = luaScript<number>(
  'parleyOldestSeq',
  `
local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')[2]
if oldest then return tonumber(oldest) end
return tonumber(redis.call('GET', KEYS[1]) or '0') + 1
`,
)

export interface MessageOptions {
  historyLimit: number
  cidRetentionMs: number
  /** How this instance's appends announce themselves on the bus. */
  payloads: BusPayloads
}

type MessageOps = Pick<ChatStore, 'append' | 'latestSeq' | 'oldestSeq' | 'range'>

export function redisMessages(
  conn: RedisConnection,
  keys: RedisKeys,
  options: MessageOptions,
): MessageOps {
  const parse = (json: string) => JSON.parse(json) as StoredMessage

  return {
    append: (input) =>
      conn.run(async (client) => {
        const body: Omit<StoredMessage, 'seq'> = {
          roomId: input.roomId,
          id: input.id,
          uid: input.uid,
          name: input.name,
          message: input.text,
          ts: input.ts,
          cid: input.cid,
        }
        const cidKey = input.cid === undefined ? [] : [keys.cid(input.roomId, input.uid, input.cid)]
        const [repeat, json] = await append(
          client,
          [keys.seq(input.roomId), keys.messages(input.roomId), ...cidKey],
          [
            JSON.stringify(body),
            options.historyLimit,
            options.cidRetentionMs,
            keys.channel(input.roomId),
            options.payloads.messageHead,
            options.payloads.messageTail,
          ],
        )
        return { message: parse(json), repeat: repeat === 1 }
      }),

    latestSeq: (roomId) =>
      conn.run(async (client) => Number((await client.get(keys.seq(roomId))) ?? 0)),

    oldestSeq: (roomId) =>
      conn.run((client) => oldestSeq(client, [keys.seq(roomId), keys.messages(roomId)], [])),

    range: (roomId, { after, before, limit }) =>
      conn.run(async (client) => {
        if (limit <= 0) return []
        const below = before === undefined ? '+inf' : `(${before}`
        const key = keys.messages(roomId)
        // With `after`, page forward from it; with only `before`, the newest page below it.
        const found =
          after === undefined
            ? (
                await client.zrange(key, below, '-inf', 'BYSCORE', 'REV', 'LIMIT', 0, limit)
              ).reverse()
            : await client.zrange(key, `(${after}`, below, 'BYSCORE', 'LIMIT', 0, limit)
        return found.map(parse)
      }),
  }
}
