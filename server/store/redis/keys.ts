// Every Redis key and channel name Parley uses, in one place so their shapes can be checked
// against each other, and the helper that runs our Lua scripts.
import type { Redis } from 'ioredis'

export const DEFAULT_KEY_PREFIX = 'parley:'

/**
 * Room ids, uids and cids are free text (':' included), so each name is a fixed kind tag that
 * no other tag starts with, followed by the id itself to the end (or a JSON array when there
 * are several ids): two different ids can never share a key.
 */
export function redisKeys(prefix: string) {
  return {
    /** STRING: the room's latest seq (INCR). */
    seq: (roomId: string) => `${prefix}seq:${roomId}`,
    /** ZSET: the kept messages as JSON, scored by seq. */
    messages: (roomId: string) => `${prefix}msgs:${roomId}`,
    /** STRING with expiry: the message first stored for (room, uid, cid). */
    cid: (roomId: string, uid: string, cid: string) =>
      `${prefix}cid:${JSON.stringify([roomId, uid, cid])}`,
    /** HASH: roomId -> read cursor, one per uid; a field exists exactly while uid is a member. */
    memberships: (uid: string) => `${prefix}member:${uid}`,
    /** The three keys of a room's presence, always written together by one script. */
    presence: (roomId: string) => [
      /** ZSET: connection -> expiry time (ms, Redis clock). */
      `${prefix}pexp:${roomId}`,
      /** HASH: connection -> PresenceEntry JSON. */
      `${prefix}pconn:${roomId}`,
      /** HASH: uid -> its number of connections, for `users` in O(1). */
      `${prefix}puid:${roomId}`,
    ],
    /** Pub/sub channel of the room's bus events. */
    channel: (roomId: string) => `${prefix}bus:${roomId}`,
  }
}

export type RedisKeys = ReturnType<typeof redisKeys>

export type ScriptArg = string | number

/**
 * A Lua script registered with ioredis' defineCommand (EVALSHA, falling back to EVAL after
 * Redis restarted with an empty script cache). The number of keys is passed on each call
 * because several scripts take one group of keys per entry.
 */
export function luaScript<R>(name: string, lua: string) {
  return (client: Redis, keys: string[], args: ScriptArg[]): Promise<R> => {
    if (!(name in client)) client.defineCommand(name, { lua })
    const command = (client as unknown as Record<string, (...a: ScriptArg[]) => Promise<R>>)[name]
    if (!command) throw new Error(`script ${name} is not defined`)
    return command.call(client, keys.length, ...keys, ...args)
  }
}
