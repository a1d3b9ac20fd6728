// PROTOCOL "Ordering, durability, offline delivery": gap-free seq, offline replay from the
// read cursor or `since`, live messages held behind a replay, `synced`, truncation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ParleyServer } from '../create-server'
import { TestClient, type Frame } from '../testing/client'
import { startTestServer } from '../testing/in-process'
import { testToken } from '../testing/tokens'

let server: ParleyServer
const open: TestClient[] = []

beforeAll(async () => {
  server = await startTestServer({
    HISTORY_LIMIT: '5000',
    RATE_LIMIT_PER_SEC: '100000',
    RATE_LIMIT_BURST: '100000',
  })
})
afterAll(async () => {
  for (const c of open) c.close()
  await server.close()
})

async function user(uid: string, target = server) {
  const c = await TestClient.connect(target.url, { token: await testToken(uid) })
  open.push(c)
  await c.next('auth')
  return c
}

async function say(c: TestClient, roomId: string, texts: string[]): Promise<number> {
  for (const message of texts) c.send({ event: 'message', roomId, message })
  const last = await c.next((f) => f.event === 'message' && f.message === texts[texts.length - 1])
  return last.seq as number
}

const seqs = (frames: Frame[]) => frames.map((f) => f.seq as number)
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i)

describe('offline delivery', () => {
  it('a first enter starts at the latest seq; a return replays what the user missed', async () => {
    const a = await user('od-a')
    a.send({ event: 'enter', roomId: 'od' })
    await a.next('synced')
    await say(a, 'od', ['before-1', 'before-2'])
    const b = await user('od-b')
    b.send({ event: 'enter', roomId: 'od' })
    expect(await b.next('synced')).toEqual({ event: 'synced', roomId: 'od', seq: 2 })
    expect(b.messages('od')).toEqual([])
    await say(a, 'od', ['seen'])
    await b.next('message')
    b.close()
    await a.next('out')
    await say(a, 'od', ['missed-1', 'missed-2'])
    const back = await user('od-b')
    back.send({ event: 'enter', roomId: 'od' })
    const synced = await back.next('synced')
    expect(back.messages('od').map((f) => f.message)).toEqual(['missed-1', 'missed-2'])
    expect(synced).toEqual({ event: 'synced', roomId: 'od', seq: 5 })
    // Replayed frames are ordinary message frames carrying the current num.
    expect(back.messages('od')[0]).toMatchObject({ seq: 4, uid: 'od-a', num: 2 })
  })

  it('since overrides the cursor; since beyond the latest syncs at the latest', async () => {
    const a = await user('since-a')
    a.send({ event: 'enter', roomId: 'since' })
    await a.next('synced')
    await say(a, 'since', ['1', '2', '3', '4'])
    const b = await user('since-b')
    b.send({ event: 'enter', roomId: 'since', since: 1 })
    expect(await b.next('synced')).toMatchObject({ seq: 4 })
    expect(seqs(b.messages('since'))).toEqual([2, 3, 4])
    const c = await user('since-c')
    c.send({ event: 'enter', roomId: 'since', since: 100 })
    expect(await c.next('synced')).toEqual({ event: 'synced', roomId: 'since', seq: 4 })
    await say(a, 'since', ['5'])
    expect(await c.next('message')).toMatchObject({ seq: 5 })
  })

  it('re-entering replays only what this connection was not sent yet', async () => {
    const a = await user('re-a')
    a.send({ event: 'enter', roomId: 're' })
    await a.next('synced')
    await say(a, 're', ['1', '2'])
    a.send({ event: 'enter', roomId: 're', since: 0 })
    expect(await a.next('synced')).toMatchObject({ seq: 2 })
    expect(seqs(a.messages('re'))).toEqual([1, 2])
  })

  it('holds live messages behind a long replay: strictly increasing, no gap, synced between', async () => {
    const writer = await user('live-w')
    writer.send({ event: 'enter', roomId: 'live' })
    await writer.next('synced')
    await say(writer, 'live', range(1, 3000).map(String))
    const reader = await user('live-r')
    reader.send({ event: 'enter', roomId: 'live', since: 0 })
    const during = range(3001, 3200).map(String)
    for (const message of during) writer.send({ event: 'message', roomId: 'live', message })
    await reader.next((f) => f.event === 'message' && f.message === '3200', 20_000)
    const synced = reader.frames.findIndex((f) => f.event === 'synced')
    const all = reader.frames.filter((f) => f.event === 'message')
    expect(seqs(all)).toEqual(range(1, 3200))
    const syncedSeq = reader.frames[synced]!.seq as number
    expect(seqs(reader.frames.slice(0, synced).filter((f) => f.event === 'message'))).toEqual(
      range(1, syncedSeq),
    )
    // A history page never holds more than 200 messages, whatever limit asks for.
    reader.send({ event: 'history', roomId: 'live', before: 1000, limit: 5000 })
    const page = await reader.next('history')
    expect(seqs(page.messages)).toEqual(range(800, 999))
    expect(page.more).toBe(true)
  })

  it('marks a replay truncated when retention dropped part of it', async () => {
    const small = await startTestServer({ HISTORY_LIMIT: '5' })
    try {
      const a = await user('tr-a', small)
      a.send({ event: 'enter', roomId: 'tr' })
      await a.next('synced')
      await say(a, 'tr', range(1, 8).map(String))
      const b = await user('tr-b', small)
      b.send({ event: 'enter', roomId: 'tr', since: 0 })
      expect(await b.next('synced')).toEqual({
        event: 'synced',
        roomId: 'tr',
        seq: 8,
        truncated: true,
      })
      expect(seqs(b.messages('tr'))).toEqual([4, 5, 6, 7, 8])
      const c = await user('tr-c', small)
      c.send({ event: 'enter', roomId: 'tr', since: 5 })
      expect(await c.next('synced')).toEqual({ event: 'synced', roomId: 'tr', seq: 8 })
    } finally {
      await small.close()
    }
  })
})
