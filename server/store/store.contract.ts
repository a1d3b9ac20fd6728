// The ChatStore contract suite: every store implementation runs these same tests.
import { afterEach, describe, expect, it } from 'vitest'
import { record } from '../bus/bus.contract'
import type { Bus } from '../bus/types'
import type { AppendInput, ChatStore, PresenceEntry } from './types'

export interface StoreFactoryOptions {
  historyLimit: number
  cidRetentionMs?: number
}

/** Makes a fresh, empty store; the suite closes it after each test. */
export type StoreFactory = (options: StoreFactoryOptions) => ChatStore | Promise<ChatStore>

/**
 * For a store that announces its messages: a bus of another instance that hears what the store
 * announces. The suite closes it after each test.
 */
export type AnnouncementListener = (store: ChatStore) => Bus | Promise<Bus>

let ids = 0
export function input(roomId: string, uid: string, text: string, cid?: string): AppendInput {
  return {
    roomId,
    uid,
    name: `${uid}-nick`,
    text,
    cid,
    ts: 1_700_000_000_000 + ids,
    id: `m${++ids}`,
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const conn = (connId: string, uid: string, instanceId = 'i1'): PresenceEntry => ({
  instanceId,
  connId,
  uid,
  name: `${uid} at ${connId}`,
})

export function describeChatStore(
  name: string,
  factory: StoreFactory,
  listen?: AnnouncementListener,
): void {
  describe(`ChatStore contract: ${name}`, () => {
    const open: { close(): Promise<void> }[] = []
    const make = async (options: Partial<StoreFactoryOptions> = {}) => {
      const store = await factory({ historyLimit: 100, ...options })
      open.push(store)
      return store
    }
    afterEach(async () => {
      await Promise.all(open.splice(0).map((opened) => opened.close()))
    })

    const seqs = async (store: ChatStore, roomId: string, query = {}) =>
      (await store.range(roomId, { limit: 1000, ...query })).map((m) => m.seq)

    const fill = async (store: ChatStore, roomId: string, count: number) => {
      for (let i = 0; i < count; i++) await store.append(input(roomId, 'u1', `text ${i}`))
    }

    it('numbers each room 1..N without gaps and keeps every field', async () => {
      const store = await make()
      for (let i = 1; i <= 5; i++) {
        expect((await store.append(input('a', 'u1', `a${i}`, `c${i}`))).message.seq).toBe(i)
        if (i <= 3) expect((await store.append(input('b', 'u2', `b${i}`))).message.seq).toBe(i)
      }
      expect(await store.latestSeq('a')).toBe(5)
      expect(await store.latestSeq('b')).toBe(3)
      expect(await store.latestSeq('empty')).toBe(0)
      expect(await store.latestSeqs(['b', 'empty', 'a'])).toEqual(
        new Map([
          ['b', 3],
          ['empty', 0],
          ['a', 5],
        ]),
      )
      expect(await seqs(store, 'a', { after: 0 })).toEqual([1, 2, 3, 4, 5])

      const sent = input('c', 'u3', 'héllo 👋', 'cid-1')
      const { message, repeat } = await store.append(sent)
      expect(repeat).toBe(false)
      const expected = { roomId: 'c', seq: 1, id: sent.id, uid: 'u3', name: 'u3-nick' }
      expect(message).toEqual({ ...expected, message: 'héllo 👋', ts: sent.ts, cid: 'cid-1' })
      expect(await store.range('c', { after: 0, limit: 10 })).toEqual([message])
      const [plain] = await store.range('b', { after: 0, limit: 1 })
      expect(plain && 'cid' in plain).toBe(false)
    })

    it('answers a repeated cid with the original and stores nothing', async () => {
      const store = await make()
      const first = await store.append(input('r', 'u1', 'one', 'x'))
      const again = await store.append(input('r', 'u1', 'two', 'x'))
      expect(again).toEqual({ message: first.message, repeat: true })
      expect(await store.latestSeq('r')).toBe(1)

      const racing = await Promise.all(
        Array.from({ length: 10 }, (_, i) => store.append(input('r', 'u1', `race ${i}`, 'y'))),
      )
      expect(racing.filter((r) => !r.repeat)).toHaveLength(1)
      expect(new Set(racing.map((r) => r.message.seq))).toEqual(new Set([2]))
      expect(await seqs(store, 'r', { after: 0 })).toEqual([1, 2])
    })

    it(
      listen
        ? 'announces each message it stores on the bus once, in seq order, and a repeat never'
        : 'leaves announcing its messages to the caller',
      async () => {
        const store = await make()
        expect(store.announcesMessages).toBe(listen !== undefined)
        if (!listen) return
        const bus = await listen(store)
        open.push(bus)
        const heard = record(bus)
        await bus.subscribe('r')
        const first = await store.append(input('r', 'u1', 'one', 'x'))
        await store.append(input('r', 'u1', 'one again', 'x'))
        await store.append(input('elsewhere', 'u1', 'not heard'))
        const second = await store.append(input('r', 'u2', 'two'))
        // One subscriber hears in publish order: a repeat announced would come before `second`.
        expect(await heard.next(2)).toEqual([
          { type: 'message', message: first.message },
          { type: 'message', message: second.message },
        ])
      },
    )

    it('keys cids by uid and room', async () => {
      const store = await make()
      await store.append(input('r', 'u1', 'one', 'x'))
      const otherUid = await store.append(input('r', 'u2', 'two', 'x'))
      const otherRoom = await store.append(input('s', 'u1', 'three', 'x'))
      expect([otherUid.repeat, otherUid.message.seq]).toEqual([false, 2])
      expect([otherRoom.repeat, otherRoom.message.seq]).toEqual([false, 1])
      expect((await store.append(input('r', 'u2', 'again', 'x'))).message.message).toBe('two')
    })

    it('forgets a cid after its retention', async () => {
      const store = await make({ cidRetentionMs: 100 })
      await store.append(input('r', 'u1', 'one', 'x'))
      await sleep(200)
      const later = await store.append(input('r', 'u1', 'two', 'x'))
      expect([later.repeat, later.message.seq]).toEqual([false, 2])
    })

    it('keeps the last historyLimit messages and still answers repeats of trimmed ones', async () => {
      const store = await make({ historyLimit: 3 })
      expect(await store.oldestSeq('r')).toBe(1)
      const first = await store.append(input('r', 'u1', 'first', 'keep-me'))
      await fill(store, 'r', 4)
      expect(await store.latestSeq('r')).toBe(5)
      expect(await store.oldestSeq('r')).toBe(3)
      expect(await seqs(store, 'r', { after: 0 })).toEqual([3, 4, 5])
      expect(await seqs(store, 'r', { before: 4 })).toEqual([3])
      const repeat = await store.append(input('r', 'u1', 'first again', 'keep-me'))
      expect(repeat).toEqual({ message: first.message, repeat: true })
      expect(await store.latestSeq('r')).toBe(5)

      const none = await make({ historyLimit: 0 })
      await fill(none, 'r', 2)
      expect([await none.latestSeq('r'), await none.oldestSeq('r')]).toEqual([2, 3])
      expect(await seqs(none, 'r', { after: 0 })).toEqual([])
    })

    it('reads ranges by after, before and limit', async () => {
      const store = await make()
      await fill(store, 'r', 10)
      expect(await seqs(store, 'r', { after: 3, limit: 4 })).toEqual([4, 5, 6, 7])
      expect(await seqs(store, 'r', { before: 8, limit: 3 })).toEqual([5, 6, 7])
      expect(await seqs(store, 'r', { before: 8 })).toEqual([1, 2, 3, 4, 5, 6, 7])
      expect(await seqs(store, 'r', { after: 2, before: 6 })).toEqual([3, 4, 5])
      expect(await seqs(store, 'r', { after: 2, before: 9, limit: 2 })).toEqual([3, 4])
      expect(await seqs(store, 'r', { limit: 3 })).toEqual([8, 9, 10])
      expect(await seqs(store, 'r', { after: 0, limit: 0 })).toEqual([])
      expect(await seqs(store, 'r', { after: 10 })).toEqual([])
      expect(await seqs(store, 'r', { before: 1 })).toEqual([])
      expect(await seqs(store, 'nowhere', { after: 0 })).toEqual([])
    })

    it('starts the cursor at the latest seq on the first join only', async () => {
      const store = await make()
      await fill(store, 'r', 3)
      expect(await store.join('u1', 'r')).toEqual({
        roomId: 'r',
        seq: 3,
        cursor: 3,
        firstJoin: true,
      })
      await fill(store, 'r', 2)
      expect(await store.join('u1', 'r')).toEqual({
        roomId: 'r',
        seq: 5,
        cursor: 3,
        firstJoin: false,
      })
      expect(await store.join('u1', 'new')).toEqual({
        roomId: 'new',
        seq: 0,
        cursor: 0,
        firstJoin: true,
      })

      const racing = await Promise.all(Array.from({ length: 5 }, () => store.join('u2', 'r')))
      expect(racing.filter((r) => r.firstJoin)).toHaveLength(1)
    })

    it('lists, checks and forgets memberships', async () => {
      const store = await make()
      await fill(store, 'a', 2)
      await store.join('u1', 'a')
      await store.join('u1', 'b')
      await fill(store, 'b', 4)
      const listed = await store.memberships('u1')
      expect(listed.sort((x, y) => x.roomId.localeCompare(y.roomId))).toEqual([
        { roomId: 'a', seq: 2, cursor: 2 },
        { roomId: 'b', seq: 4, cursor: 0 },
      ])
      expect(await store.memberships('nobody')).toEqual([])
      expect([await store.isMember('u1', 'a'), await store.isMember('u2', 'a')]).toEqual([
        true,
        false,
      ])

      await store.forget('u1', 'b')
      expect(await store.isMember('u1', 'b')).toBe(false)
      expect((await store.memberships('u1')).map((m) => m.roomId)).toEqual(['a'])
      expect(await store.join('u1', 'b')).toEqual({
        roomId: 'b',
        seq: 4,
        cursor: 4,
        firstJoin: true,
      })
      await store.forget('u1', 'never-joined')
    })

    it('advances cursors forward only, up to the latest seq, for members only', async () => {
      const store = await make()
      await store.join('u1', 'r')
      await store.join('u2', 'r')
      await fill(store, 'r', 5)
      const cursor = async (uid: string) =>
        (await store.memberships(uid)).find((m) => m.roomId === 'r')?.cursor
      await store.advanceCursors([
        { uid: 'u1', roomId: 'r', seq: 3 },
        { uid: 'u2', roomId: 'r', seq: 4 },
        { uid: 'u3', roomId: 'r', seq: 4 },
      ])
      expect([await cursor('u1'), await cursor('u2')]).toEqual([3, 4])
      expect(await store.isMember('u3', 'r')).toBe(false)
      await store.advanceCursors([{ uid: 'u1', roomId: 'r', seq: 2 }])
      expect(await cursor('u1')).toBe(3)
      await store.advanceCursors([{ uid: 'u1', roomId: 'r', seq: 99 }])
      expect(await cursor('u1')).toBe(5)
      await store.advanceCursors([])
      // Delivered seqs (the cursor tracker's): the same rules, without reading the latest.
      const delivered = { delivered: true }
      await store.advanceCursors([{ uid: 'u2', roomId: 'r', seq: 5 }], delivered)
      await store.advanceCursors([{ uid: 'u2', roomId: 'r', seq: 3 }], delivered)
      await store.advanceCursors([{ uid: 'u3', roomId: 'r', seq: 5 }], delivered)
      expect(await cursor('u2')).toBe(5)
      expect(await store.isMember('u3', 'r')).toBe(false)
    })

    it('counts connections and distinct users as presence is added, replaced and removed', async () => {
      const store = await make()
      expect(await store.presenceAdd('r', conn('c1', 'alice'), 60_000)).toEqual({
        num: 1,
        users: 1,
      })
      expect(await store.presenceAdd('r', conn('c2', 'alice'), 60_000)).toEqual({
        num: 2,
        users: 1,
      })
      expect(await store.presenceAdd('r', conn('c1', 'bob', 'i2'), 60_000)).toEqual({
        num: 3,
        users: 2,
      })
      expect(await store.presenceAdd('r', conn('c1', 'alice'), 60_000)).toEqual({
        num: 3,
        users: 2,
      })
      expect(await store.presenceAdd('r', conn('c2', 'carol'), 60_000)).toEqual({
        num: 3,
        users: 3,
      })
      expect(await store.presenceAdd('other', conn('c9', 'dave'), 60_000)).toEqual({
        num: 1,
        users: 1,
      })

      expect(await store.presenceRemove('r', conn('c2', 'carol'))).toEqual({ num: 2, users: 2 })
      expect(await store.presenceRemove('r', conn('c2', 'carol'))).toEqual({ num: 2, users: 2 })
      expect(await store.presenceRemove('r', conn('c1', 'bob', 'i2'))).toEqual({ num: 1, users: 1 })
      expect(await store.presenceRemove('nowhere', conn('c1', 'alice'))).toEqual({
        num: 0,
        users: 0,
      })
      const { counts } = await store.presenceSweep(['r', 'other', 'nowhere'])
      expect(Object.fromEntries(counts)).toEqual({
        r: { num: 1, users: 1 },
        other: { num: 1, users: 1 },
        nowhere: { num: 0, users: 0 },
      })
    })

    it('sweeps each expired entry once and keeps refreshed ones', async () => {
      const store = await make()
      const [stale, refreshed, removed] = [
        conn('c1', 'alice'),
        conn('c2', 'bob'),
        conn('c3', 'eve'),
      ]
      await store.presenceAdd('r', stale, 50)
      await store.presenceAdd('r', refreshed, 50)
      await store.presenceAdd('r', removed, 50)
      await store.presenceAdd('s', conn('c4', 'alice'), 60_000)
      await store.presenceRemove('r', removed)
      await store.presenceRefresh(
        [
          { roomId: 'r', entry: refreshed },
          { roomId: 'r', entry: removed },
        ],
        60_000,
      )
      await sleep(150)

      const sweeps = await Promise.all([
        store.presenceSweep(['r', 's']),
        store.presenceSweep(['r']),
      ])
      expect(sweeps.flatMap((s) => s.expired)).toEqual([{ roomId: 'r', entry: stale }])
      expect(sweeps[0].counts.get('r')).toEqual({ num: 1, users: 1 })
      expect(sweeps[0].counts.get('s')).toEqual({ num: 1, users: 1 })
      expect((await store.presenceSweep(['r'])).expired).toEqual([])
    })

    // More entries than one script call takes (the Redis store writes bulk calls in slices).
    it('carries out bulk calls of hundreds of entries in full', async () => {
      const store = await make()
      const n = 300
      await Promise.all(Array.from({ length: n }, (_, i) => store.join(`u${i}`, 'r')))
      await fill(store, 'r', 5)
      await store.advanceCursors(
        Array.from({ length: n }, (_, i) => ({ uid: `u${i}`, roomId: 'r', seq: 1 + (i % 5) })),
      )
      const cursors = await Promise.all(
        Array.from({ length: n }, async (_, i) => (await store.memberships(`u${i}`))[0]?.cursor),
      )
      expect(cursors).toEqual(Array.from({ length: n }, (_, i) => 1 + (i % 5)))

      const rooms = Array.from({ length: n }, (_, i) => `p${i}`)
      const entries = rooms.map((roomId, i) => ({ roomId, entry: conn(`c${i}`, `u${i}`) }))
      const stale = { roomId: rooms[n - 1]!, entry: conn('stale', 'eve') }
      await Promise.all(
        [...entries, stale].map(({ roomId, entry }) => store.presenceAdd(roomId, entry, 300)),
      )
      await store.presenceRefresh(entries, 60_000)
      await sleep(400)
      const { counts, expired } = await store.presenceSweep(rooms)
      expect(expired).toEqual([stale])
      expect([...counts.keys()]).toEqual(rooms)
      expect([...counts.values()].every((c) => c.num === 1 && c.users === 1)).toBe(true)
    })

    it('answers ping while its storage is up', async () => {
      expect(await (await make()).ping()).toBe(true)
    })
  })
}
