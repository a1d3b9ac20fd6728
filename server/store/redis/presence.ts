// Presence in Redis: which connections are in a room over all instances, with expiry so that a
// crashed instance's connections disappear (ARCHITECTURE.md: presence lives in the store).
//
// Per room, three keys (see keys.ts): a ZSET connection -> expiry, a HASH connection -> entry
// and a HASH uid -> connection count. Only these scripts write them, so num = ZCARD and
// users = HLEN stay O(1), and a sweep that removes an expired entry is the only one to see it.
// Expiry times come from Redis' clock (TIME), so instances with skewed clocks agree.
import type { ChatStore, PresenceEntry, RoomCounts } from '../types'
import { inSlices } from './bulk'
import type { RedisConnection } from './connection'
import { luaScript } from './keys'
import type { RedisKeys } from './keys'

const helpers = `
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function drop(exp, conns, uids, member)
  redis.call('ZREM', exp, member)
  local old = redis.call('HGET', conns, member)
  if not old then return nil end
  redis.call('HDEL', conns, member)
  local uid = cjson.decode(old).uid
  if redis.call('HINCRBY', uids, uid, -1) <= 0 then redis.call('HDEL', uids, uid) end
  return old
end
local function counts(exp, uids)
  return {redis.call('ZCARD', exp), redis.call('HLEN', uids)}
end
-- The keys outlive their newest entry by one ttl, so a sweep can still report it, and vanish
-- by themselves when every instance of the room is gone.
local function keep(exp, conns, uids, ttl)
  for _, key in ipairs({exp, conns, uids}) do
    if redis.call('PTTL', key) < 2 * ttl then redis.call('PEXPIRE', key, 2 * ttl) end
  end
end
`

// KEYS: the room's presence keys. ARGV: connection, entry JSON, uid, ttl ms.
const add = luaScript<[number, number]>(
  'parleyPresenceAdd',
  `${helpers}
local ttl = tonumber(ARGV[4])
drop(KEYS[1], KEYS[2], KEYS[3], ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('HINCRBY', KEYS[3], ARGV[3], 1)
redis.call('ZADD', KEYS[1], now_ms() + ttl, ARGV[1])
keep(KEYS[1], KEYS[2], KEYS[3], ttl)
return counts(KEYS[1], KEYS[3])
`,
)

// KEYS: the room's presence keys. ARGV: connection.
const remove = luaScript<[number, number]>(
  'parleyPresenceRemove',
  `${helpers}
drop(KEYS[1], KEYS[2], KEYS[3], ARGV[1])
return counts(KEYS[1], KEYS[3])
`,
)

// KEYS: per entry, its room's presence keys. ARGV: ttl ms, then per entry its connection.
// Only existing entries (ZADD XX): a refresh never brings back one that was removed or swept
// meanwhile. A room's keys are kept once per call, not once per entry of the room.
const refresh = luaScript<number>(
  'parleyPresenceRefresh',
  `${helpers}
local ttl = tonumber(ARGV[1])
local expiry = now_ms() + ttl
local kept = {}
for i = 1, #KEYS, 3 do
  redis.call('ZADD', KEYS[i], 'XX', expiry, ARGV[(i + 2) / 3 + 1])
  if not kept[KEYS[i]] then
    kept[KEYS[i]] = true
    keep(KEYS[i], KEYS[i + 1], KEYS[i + 2], ttl)
  end
end
return 0
`,
)

// KEYS: per room, its presence keys. Returns per room {num, users, {expired entry JSON...}}.
const sweep = luaScript<[number, number, string[]][]>(
  'parleyPresenceSweep',
  `${helpers}
local now = now_ms()
local result = {}
for i = 1, #KEYS, 3 do
  local expired = {}
  for _, member in ipairs(redis.call('ZRANGE', KEYS[i], '-inf', now, 'BYSCORE')) do
    local entry = drop(KEYS[i], KEYS[i + 1], KEYS[i + 2], member)
    if entry then table.insert(expired, entry) end
  end
  local c = counts(KEYS[i], KEYS[i + 2])
  table.insert(result, {c[1], c[2], expired})
end
return result
`,
)

type PresenceOps = Pick<
  ChatStore,
  'presenceAdd' | 'presenceRemove' | 'presenceRefresh' | 'presenceSweep'
>

const connection = (entry: PresenceEntry) => JSON.stringify([entry.instanceId, entry.connId])
const toCounts = ([num, users]: [number, number]): RoomCounts => ({ num, users })
// PEXPIRE and the scripts' arithmetic want a positive whole number of milliseconds.
const ttlArg = (ttlMs: number) => Math.max(1, Math.ceil(ttlMs))

export function redisPresence(conn: RedisConnection, keys: RedisKeys): PresenceOps {
  return {
    presenceAdd: (roomId, entry, ttlMs) =>
      conn.run(async (client) => {
        const { instanceId, connId, uid, name } = entry
        const json = JSON.stringify({ instanceId, connId, uid, name })
        const args = [connection(entry), json, uid, ttlArg(ttlMs)]
        return toCounts(await add(client, keys.presence(roomId), args))
      }),

    presenceRemove: (roomId, entry) =>
      conn.run(async (client) =>
        toCounts(await remove(client, keys.presence(roomId), [connection(entry)])),
      ),

    async presenceRefresh(entries, ttlMs) {
      await inSlices(entries, (slice) =>
        conn.run((client) =>
          refresh(
            client,
            slice.flatMap(({ roomId }) => keys.presence(roomId)),
            [ttlArg(ttlMs), ...slice.map(({ entry }) => connection(entry))],
          ),
        ),
      )
    },

    async presenceSweep(roomIds) {
      const replies = (
        await inSlices(roomIds, (slice) =>
          conn.run((client) => sweep(client, slice.flatMap(keys.presence), [])),
        )
      ).flat()
      const counts = new Map<string, RoomCounts>()
      const expired: { roomId: string; entry: PresenceEntry }[] = []
      roomIds.forEach((roomId, i) => {
        const [num, users, gone] = replies[i] ?? [0, 0, []]
        counts.set(roomId, { num, users })
        for (const json of gone) expired.push({ roomId, entry: JSON.parse(json) as PresenceEntry })
      })
      return { counts, expired }
    },
  }
}
