// Messages in Redis: seq assignment, idempotent append, retention and range reads.
//
// Each room keeps its messages in a ZSET scored by seq rather than a LIST: every read the
// protocol makes is "by seq" (replay after a cursor, history before a seq, filling a hole between
// two seqs), which ZRANGE BYSCORE answers in O(log n + k) with no index arithmetic that would
// depend on the list and the seq counter agreeing; retention is one ZREMRANGEBYRANK. A member is
// the message's JSON, unique because it carries its seq.
import { messageBody } from '../message-body'
import type { AppendInput, AppendResult, ChatStore, StoredMessage } from '../types'
import { appendBatcher } from './append-batch'
import { inSlices } from './bulk'
import type { BusPayloads } from './bus-payload'
import type { RedisConnection } from './connection'
import { luaScript } from './keys'
import type { RedisKeys } from './keys'

// KEYS: per message, its room's seq and messages keys and its cid key ('' without a cid).
// ARGV: historyLimit, cid retention ms, the bus payload's head and tail around the stored JSON,
// then per message its JSON without seq and its room's bus channel.
// Returns per message its new seq, or the JSON first stored under its cid (a repeat).
// Per message: INCR, remember the cid (unless a repeat), store, trim, announce on the bus, in
// one script: atomic across instances, and a repeat finds the original even after retention
// trimmed it away. Announcing here means no message is ever stored but unannounced (an instance
// dying between two round trips), and every instance hears a room's messages in seq order.
// A new message makes as few redis.calls as it can, each being Redis time on every message
// (docs/benchmarks.md): SET NX both checks and remembers the cid (a repeat gives its
// seq back: nothing outside the script saw it), and a room cannot hold more messages than its
// seq, so below the limit there is nothing to trim.
const appendAll = luaScript<(number | string)[]>(
  'parleyAppendAll',
  `
local limit, retention, head, tail = tonumber(ARGV[1]), ARGV[2], ARGV[3], ARGV[4]
local result = {}
for i = 1, #KEYS / 3 do
  local seqKey, messagesKey, cidKey = KEYS[3 * i - 2], KEYS[3 * i - 1], KEYS[3 * i]
  local seq = redis.call('INCR', seqKey)
  local message = '{"seq":' .. seq .. ',' .. string.sub(ARGV[3 + 2 * i], 2)
  if cidKey ~= '' and not redis.call('SET', cidKey, message, 'NX', 'PX', retention) then
    redis.call('DECR', seqKey)
    result[i] = redis.call('GET', cidKey)
  else
    redis.call('ZADD', messagesKey, seq, message)
    if seq > limit then redis.call('ZREMRANGEBYRANK', messagesKey, 0, -1 - limit) end
    redis.call('PUBLISH', ARGV[4 + 2 * i], head .. message .. tail)
    result[i] = seq
  end
end
return result
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

type MessageOps = Pick<ChatStore, 'append' | 'latestSeq' | 'latestSeqs' | 'oldestSeq' | 'range'>

export function redisMessages(
  conn: RedisConnection,
  keys: RedisKeys,
  options: MessageOptions,
): MessageOps {
  const parse = (json: string) => JSON.parse(json) as StoredMessage

  return {
    append: appendBatcher(async (inputs: AppendInput[]) => {
      const bodies = inputs.map(messageBody)
      // Issued at the turn's end with every append of it: corking would hold it a turn longer.
      const replies = await conn.run(
        (client) =>
          appendAll(
            client,
            inputs.flatMap(({ roomId, uid, cid }) => [
              keys.seq(roomId),
              keys.messages(roomId),
              cid === undefined ? '' : keys.cid(roomId, uid, cid),
            ]),
            [
              options.historyLimit,
              options.cidRetentionMs,
              options.payloads.messageHead,
              options.payloads.messageTail,
              ...bodies.flatMap((body) => [JSON.stringify(body), keys.channel(body.roomId)]),
            ],
          ),
        { cork: false },
      )
      // A new message is the body sent plus its seq: no need to parse it back.
      return replies.map((reply, i): AppendResult =>
        typeof reply === 'number'
          ? { message: { seq: reply, ...bodies[i]! }, repeat: false }
          : { message: parse(reply), repeat: true },
      )
    }),

    latestSeq: (roomId) =>
      conn.run(async (client) => Number((await client.get(keys.seq(roomId))) ?? 0)),

    async latestSeqs(roomIds) {
      const seqs = (
        await inSlices(roomIds, (slice) =>
          conn.run((client) => client.mget(slice.map((roomId) => keys.seq(roomId)))),
        )
      ).flat()
      return new Map(roomIds.map((roomId, i) => [roomId, Number(seqs[i] ?? 0)]))
    },

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
