// The ChatStore contract on a real redis-server, plus what only several clients or an outage show.
import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { record } from '../bus/bus.contract'
import { createRedisBus } from '../bus/redis'
import { startRedisServer } from '../testing/redis-server'
import type { RedisServer } from '../testing/redis-server'
import { createRedisStore } from './redis'
import { describeChatStore, input, sleep } from './store.contract'
import type { ChatStore, PresenceEntry } from './types'
import { StoreUnavailableError } from './types'

let redis: RedisServer
let prefixes = 0
beforeAll(async () => {
  redis = await startRedisServer()
})
afterAll(() => redis.stop())

// A fresh key prefix per store keeps tests apart on one server, and exercises keyPrefix.
const prefixOf = new WeakMap<ChatStore, string>()
describeChatStore(
  'redis',
  (options) => {
    const keyPrefix = `t${++prefixes}:`
    const store = createRedisStore({ url: redis.url, instanceId: 'store', keyPrefix, ...options })
    prefixOf.set(store, keyPrefix)
    return store
  },
  (store) =>
    createRedisBus({ url: redis.url, instanceId: 'listener', keyPrefix: prefixOf.get(store) }),
)

describe('Redis store with several instances', () => {
  const open: { close(): Promise<void> }[] = []
  let keyPrefix = ''
  const pair = () => {
    keyPrefix = `pair${++prefixes}:`
    const stores = ['a', 'b'].map((instanceId) =>
      createRedisStore({ url: redis.url, instanceId, historyLimit: 1000, keyPrefix }),
    )
    open.push(...stores)
    return stores as [ChatStore, ChatStore]
  }
  /** The bus of the pair's instance `instanceId`. */
  const bus = (instanceId: string) => {
    const opened = createRedisBus({ url: redis.url, instanceId, keyPrefix })
    open.push(opened)
    return opened
  }
  afterEach(async () => {
    await Promise.all(open.splice(0).map((opened) => opened.close()))
  })

  it("announces a message to the other instances' buses, not to its own", async () => {
    const [a, b] = pair()
    const [busA, busB] = [bus('a'), bus('b')]
    const [heardByA, heardByB] = [record(busA), record(busB)]
    await Promise.all([busA.subscribe('room'), busB.subscribe('room')])
    const fromA = await a.append(input('room', 'u1', 'from a'))
    expect(await heardByB.next(1)).toEqual([{ type: 'message', message: fromA.message }])
    const fromB = await b.append(input('room', 'u2', 'from b'))
    // A subscriber hears in publish order: an instance's own announcement would come first.
    expect(await heardByA.next(1)).toEqual([{ type: 'message', message: fromB.message }])
    const againFromA = await a.append(input('room', 'u1', 'again from a'))
    expect(await heardByB.next(2)).toEqual(
      [fromA, againFromA].map(({ message }) => ({ type: 'message', message })),
    )
  })

  it('gives 50 concurrent senders on two instances every seq exactly once', async () => {
    const [a, b] = pair()
    const perSender = 4
    const results = await Promise.all(
      Array.from({ length: 50 }, async (_, sender) => {
        const store = sender % 2 === 0 ? a : b
        const seqs: number[] = []
        for (let i = 0; i < perSender; i++) {
          const { message } = await store.append(input('room', `u${sender}`, `m${i}`, `c${i}`))
          seqs.push(message.seq)
        }
        return seqs
      }),
    )
    const total = 50 * perSender
    const expected = Array.from({ length: total }, (_, i) => i + 1)
    expect(results.flat().sort((x, y) => x - y)).toEqual(expected)
    for (const seqs of results) expect(seqs).toEqual([...seqs].sort((x, y) => x - y))
    const stored = await b.range('room', { after: 0, limit: total + 1 })
    expect(stored.map((m) => m.seq)).toEqual(expected)
    expect(new Set(stored.map((m) => `${m.uid}/${m.cid}`)).size).toBe(total)
  })

  it('stores a cid repeated concurrently on both instances once', async () => {
    const [a, b] = pair()
    await a.append(input('room', 'u0', 'before'))
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 === 0 ? a : b).append(input('room', 'u1', `try ${i}`, 'same')),
      ),
    )
    expect(results.filter((r) => !r.repeat)).toHaveLength(1)
    expect(new Set(results.map((r) => JSON.stringify(r.message))).size).toBe(1)
    expect(await b.latestSeq('room')).toBe(2)
  })

  it('reports each expired presence entry to exactly one sweeping instance', async () => {
    const [a, b] = pair()
    const entries: PresenceEntry[] = Array.from({ length: 20 }, (_, i) => ({
      instanceId: 'crashed',
      connId: `c${i}`,
      uid: `u${i % 5}`,
      name: `n${i}`,
    }))
    for (const entry of entries) await a.presenceAdd('room', entry, 50)
    expect(await b.presenceAdd('room', { ...entries[0]!, instanceId: 'alive' }, 60_000)).toEqual({
      num: 21,
      users: 5,
    })
    await sleep(150)
    const sweeps = await Promise.all([a, b, a, b].map((store) => store.presenceSweep(['room'])))
    const expired = sweeps.flatMap((s) => s.expired.map((e) => e.entry))
    expect(expired.sort((x, y) => x.connId.localeCompare(y.connId))).toEqual(
      [...entries].sort((x, y) => x.connId.localeCompare(y.connId)),
    )
    expect(sweeps.at(-1)?.counts.get('room')).toEqual({ num: 1, users: 1 })
  })
})

describe('Redis store under bulk writes', () => {
  type SlowlogEntry = [id: number, at: number, us: number, args: string[]]

  const ownStore = (instanceId: string) =>
    createRedisStore({
      url: redis.url,
      instanceId,
      historyLimit: 1000,
      keyPrefix: `${instanceId}${++prefixes}:`,
    })

  const scriptCalls = async (admin: Redis) => {
    const stats = await admin.info('commandstats')
    return [...stats.matchAll(/^cmdstat_eval(?:sha)?:calls=(\d+)/gm)].reduce(
      (sum, [, calls]) => sum + Number(calls),
      0,
    )
  }

  it('stores the messages of one event-loop turn with one script call per 64, in order', async () => {
    const store = ownStore('batch')
    const admin = new Redis(redis.url)
    try {
      await store.ping()
      const before = await scriptCalls(admin)
      const sent = Array.from({ length: 100 }, (_, i) =>
        input(i % 2 ? 'odd' : 'even', `u${i % 3}`, `text ${i}`, i % 5 ? `c${i}` : undefined),
      )
      const results = await Promise.all(sent.map((m) => store.append(m)))
      expect((await scriptCalls(admin)) - before).toBe(2)
      expect(results.map((r) => [r.message.roomId, r.message.seq, r.message.message])).toEqual(
        sent.map((m, i) => [m.roomId, Math.floor(i / 2) + 1, m.text]),
      )
      // What each caller got is what Redis keeps, and a repeat in a later turn finds it.
      const kept = [
        ...(await store.range('even', { after: 0, limit: 100 })),
        ...(await store.range('odd', { after: 0, limit: 100 })),
      ]
      expect(kept).toEqual(expect.arrayContaining(results.map((r) => r.message)))
      expect(kept).toHaveLength(100)
      expect(await store.append(sent[1]!)).toEqual({ message: results[1]!.message, repeat: true })
    } finally {
      admin.disconnect()
      await store.close()
    }
  })

  it('runs a message sent during a 2,000-entry presence refresh between its slices', async () => {
    const store = ownStore('bulk')
    // The slow log at threshold 0 lists every command Redis ran, in the order it ran them.
    const admin = new Redis(redis.url)
    const entries = Array.from({ length: 2000 }, (_, i) => ({
      roomId: `r${i % 200}`,
      entry: { instanceId: 'bulk', connId: `c${i}`, uid: `u${i}`, name: `n${i}` },
    }))
    try {
      // A hundred at a time: 2,000 scripts at once can outlast the one-second command timeout
      // on a busy machine, and this setup is not what the test measures.
      for (let i = 0; i < entries.length; i += 100) {
        await Promise.all(
          entries
            .slice(i, i + 100)
            .map(({ roomId, entry }) => store.presenceAdd(roomId, entry, 60_000)),
        )
      }
      await admin.config('SET', 'slowlog-max-len', '100000')
      await admin.config('SET', 'slowlog-log-slower-than', '0')
      await admin.slowlog('RESET')
      // Both issued in the same turn, the refresh first.
      await Promise.all([
        store.presenceRefresh(entries, 60_000),
        store.append(input('r1', 'u1', 'sent during the refresh')),
      ])
      await admin.config('SET', 'slowlog-log-slower-than', '10000')
      const log = ((await admin.call('SLOWLOG', 'GET', '-1')) as SlowlogEntry[]).reverse()
      // EVAL the first time on a connection, EVALSHA after; both have the key count third.
      const scripts = log.filter(([, , , args]) => /^eval(sha)?$/i.test(args[0] ?? ''))
      const keyCount = ([, , , args]: SlowlogEntry) => Number(args[2])
      const appendAt = scripts.findIndex((e) => keyCount(e) <= 3)
      const refreshes = scripts.filter((e) => keyCount(e) > 3)
      // Three keys per entry: every entry was refreshed, and the message did not wait for all.
      expect(refreshes.reduce((sum, e) => sum + keyCount(e) / 3, 0)).toBe(2000)
      expect(appendAt).toBeGreaterThan(0)
      expect(appendAt).toBeLessThan(scripts.length - 1)
    } finally {
      await admin.config('SET', 'slowlog-log-slower-than', '10000')
      admin.disconnect()
      await store.close()
    }
  })
})

describe('Redis store during an outage', () => {
  let own: RedisServer
  let store: ChatStore
  beforeAll(async () => {
    own = await startRedisServer()
    store = createRedisStore({ url: own.url, instanceId: 'i', historyLimit: 100 })
  })
  afterAll(async () => {
    await store.close()
    await own.stop()
  })

  const entry: PresenceEntry = { instanceId: 'i', connId: 'c', uid: 'u', name: 'n' }
  const calls: [string, () => Promise<unknown>][] = [
    ['append', () => store.append(input('r', 'u', 'text', 'cid'))],
    ['latestSeq', () => store.latestSeq('r')],
    ['oldestSeq', () => store.oldestSeq('r')],
    ['range', () => store.range('r', { after: 0, limit: 10 })],
    ['join', () => store.join('u', 'r')],
    ['forget', () => store.forget('u', 'r')],
    ['isMember', () => store.isMember('u', 'r')],
    ['memberships', () => store.memberships('u')],
    ['advanceCursors', () => store.advanceCursors([{ uid: 'u', roomId: 'r', seq: 1 }])],
    ['presenceAdd', () => store.presenceAdd('r', entry, 1000)],
    ['presenceRemove', () => store.presenceRemove('r', entry)],
    ['presenceRefresh', () => store.presenceRefresh([{ roomId: 'r', entry }], 1000)],
    ['presenceSweep', () => store.presenceSweep(['r'])],
  ]

  it('rejects with StoreUnavailableError quickly, then heals without being recreated', async () => {
    let stop = false
    const traffic = (async () => {
      const failures: unknown[] = []
      for (let i = 0; !stop; i++) {
        // A failure comes back at once; the pause lets timers (and the test) run meanwhile.
        await store.append(input('r', 'sender', `m${i}`, `c${i}`)).catch(async (e: unknown) => {
          failures.push(e)
          await sleep(5)
        })
      }
      return failures
    })()
    await sleep(100)
    await own.kill()

    for (const [name, call] of calls) {
      const started = Date.now()
      const outcome = await call().then(
        () => 'resolved',
        (error: unknown) => error,
      )
      expect(outcome, name).toBeInstanceOf(StoreUnavailableError)
      expect(Date.now() - started, name).toBeLessThan(2000)
    }
    expect(await store.ping()).toBe(false)
    stop = true
    const failures = await traffic
    expect(failures.length).toBeGreaterThan(0)
    expect(failures.every((e) => e instanceof StoreUnavailableError)).toBe(true)

    await own.restart()
    const deadline = Date.now() + 5000
    while (!(await store.ping()) && Date.now() < deadline) await sleep(50)
    // restart() brings an empty server: the room starts again at 1.
    expect((await store.append(input('r', 'u', 'back'))).message.seq).toBe(1)
    expect(await store.latestSeq('r')).toBe(1)
  })
})
