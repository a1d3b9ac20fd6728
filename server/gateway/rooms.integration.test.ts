// PROTOCOL "Rooms" and "v1 extras": enter/out/message shapes, counts, compat mode, leave,
// forget, errors in their fixed order, history, rooms and ack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ParleyServer } from '../create-server'
import { TestClient, type ConnectOptions } from '../testing/client'
import { startTestServer } from '../testing/in-process'
import { testToken } from '../testing/tokens'

let server: ParleyServer
const open: TestClient[] = []

beforeAll(async () => {
  server = await startTestServer({ MAX_MESSAGE_CHARS: '10' })
})
afterAll(async () => {
  for (const c of open) c.close()
  await server.close()
})

async function user(uid: string, o: ConnectOptions & { name?: string; rooms?: string[] } = {}) {
  const c = await TestClient.connect(server.url, { token: await testToken(uid, o), ...o })
  open.push(c)
  await c.next('auth')
  return c
}

async function enter(c: TestClient, roomId: string | number, extra: Record<string, unknown> = {}) {
  c.send({ event: 'enter', roomId, ...extra })
  return c.next((f) => f.event === 'synced' && f.roomId === String(roomId))
}

describe('rooms', () => {
  it('broadcasts enter with num and users to everyone, the newcomer included', async () => {
    const a = await user('a1', { name: 'Ann' })
    a.send({ event: 'enter', roomId: 'r1', message: 'annie' })
    expect(await a.next('enter')).toEqual({
      event: 'enter',
      roomId: 'r1',
      message: 'annie',
      name: 'annie',
      uid: 'a1',
      num: 1,
      users: 1,
    })
    const b = await user('b1')
    const b2 = await user('b1')
    await enter(b, 'r1')
    expect(await a.next('enter')).toMatchObject({ uid: 'b1', name: 'b1', num: 2, users: 2 })
    await enter(b2, 'r1')
    expect(await a.next('enter')).toMatchObject({ uid: 'b1', num: 3, users: 2 })
    b2.close()
    expect(await a.next('out')).toEqual({
      event: 'out',
      roomId: 'r1',
      name: 'b1',
      uid: 'b1',
      num: 2,
      users: 2,
    })
  })

  it('sends message frames with every field to everyone, the sender included', async () => {
    const a = await user('a2', { name: 'Ann' })
    const b = await user('b2')
    await enter(a, 'r2')
    await enter(b, 'r2')
    a.send({ event: 'message', roomId: 'r2', message: 'hello', cid: 'c-1' })
    const got = await b.next('message')
    expect(got).toMatchObject({
      event: 'message',
      roomId: 'r2',
      seq: 1,
      uid: 'a2',
      name: 'Ann',
      message: 'hello',
      cid: 'c-1',
      num: 2,
    })
    expect(typeof got.id).toBe('string')
    expect(Math.abs(got.ts - Date.now())).toBeLessThan(5000)
    expect(await a.next('message')).toEqual(got)
    a.send({ event: 'message', message: 'bare' })
    const second = await b.next('message')
    expect(second).toMatchObject({ seq: 2, message: 'bare' })
    expect(second).not.toHaveProperty('cid')
  })

  it('answers a repeated cid to the sender alone, with the original seq and repeat:true', async () => {
    const a = await user('a3')
    const b = await user('b3')
    await enter(a, 'r3')
    await enter(b, 'r3')
    a.send({ event: 'message', roomId: 'r3', message: 'once', cid: 'dup' })
    const original = await a.next('message')
    a.send({ event: 'message', roomId: 'r3', message: 'once', cid: 'dup' })
    expect(await a.next('message')).toEqual({ ...original, repeat: true })
    expect(await b.pending('message')).toHaveLength(1)
  })

  it('converts numeric room ids and rejects bad ones with bad_event', async () => {
    const a = await user('a4')
    expect(await enter(a, 42)).toMatchObject({ roomId: '42' })
    for (const roomId of ['', 'x'.repeat(65), true, null, { id: 1 }]) {
      a.send({ event: 'enter', roomId })
      expect(await a.next('error')).toMatchObject({ code: 'bad_event', ref: 'enter' })
    }
    expect(await enter(a, '😀'.repeat(64))).toMatchObject({ seq: 0 })
  })

  it('refers to the cid of a frame whose event is bad, when the cid is valid', async () => {
    const a = await user('a4-ref')
    a.send({ event: 7, cid: 'x' })
    expect(await a.next('error')).toMatchObject({ code: 'bad_event', ref: 'x' })
    a.send({ event: 'no-such', cid: 'y' })
    expect(await a.next('error')).toMatchObject({ code: 'bad_event', ref: 'y' })
    a.send({ event: 7, cid: '' })
    const unnamed = await a.next('error')
    expect(unnamed.code).toBe('bad_event')
    expect(unnamed).not.toHaveProperty('ref')
  })

  it('needs a room for message: not_in_room, then forbidden, then too_large', async () => {
    const a = await user('a5', { rooms: ['ok', 'other'] })
    a.send({ event: 'message', message: 'nowhere', cid: 'm1' })
    expect(await a.next('error')).toMatchObject({ code: 'not_in_room', ref: 'm1' })
    a.send({ event: 'enter', roomId: 'secret' })
    expect(await a.next('error')).toMatchObject({ code: 'forbidden', ref: 'enter' })
    await enter(a, 'ok')
    await enter(a, 'other')
    a.send({ event: 'message', message: 'which room?' })
    expect(await a.next('error')).toMatchObject({ code: 'not_in_room', ref: 'message' })
    a.send({ event: 'message', roomId: 'ok', message: 'this is far too long', cid: 'm2' })
    expect(await a.next('error')).toMatchObject({ code: 'too_large', ref: 'm2' })
    // Ten code points fit even when they are astral.
    a.send({ event: 'message', roomId: 'ok', message: '😀'.repeat(10) })
    expect(await a.next('message')).toMatchObject({ message: '😀'.repeat(10) })
    a.send({ event: 'message', roomId: 'nope', message: 'x'.repeat(50), cid: 5 })
    expect(await a.next('error')).toMatchObject({ code: 'bad_event', ref: 'message' })
  })

  it('leave: others get out, the leaver does not, membership stays', async () => {
    const a = await user('a6')
    const b = await user('b6')
    await enter(a, 'r6')
    await enter(b, 'r6', { message: 'Bee' })
    b.send({ event: 'leave', roomId: 'r6' })
    expect(await a.next('out')).toMatchObject({ uid: 'b6', name: 'Bee', num: 1, users: 1 })
    expect(await b.pending('out')).toEqual([])
    b.send({ event: 'leave', roomId: 'r6' })
    expect(await b.next('error')).toMatchObject({ code: 'not_in_room' })
    b.send({ event: 'rooms' })
    expect((await b.next('rooms')).rooms.map((r: { roomId: string }) => r.roomId)).toContain('r6')
  })

  it('forget ends membership and the presence of every connection of the uid', async () => {
    const a = await user('a7')
    const b = await user('b7')
    const b2 = await user('b7')
    await enter(a, 'r7')
    await enter(b, 'r7')
    await enter(b2, 'r7')
    b.send({ event: 'forget', roomId: 'r7' })
    await a.next((f) => f.event === 'out' && f.num === 2)
    expect(await a.next('out')).toMatchObject({ uid: 'b7', num: 1, users: 1 })
    b.send({ event: 'rooms' })
    expect((await b.next('rooms')).rooms).toEqual([])
    b.send({ event: 'history', roomId: 'r7' })
    expect(await b.next('error')).toMatchObject({ code: 'not_in_room', ref: 'history' })
    b2.send({ event: 'message', roomId: 'r7', message: 'gone' })
    expect(await b2.next('error')).toMatchObject({ code: 'not_in_room' })
  })

  it('re-entering updates the nickname, repeats enter with num unchanged, then synced', async () => {
    const a = await user('a8')
    await enter(a, 'r8', { message: 'first' })
    a.send({ event: 'enter', roomId: 'r8', message: 'second' })
    expect(await a.next((f) => f.event === 'enter' && f.name === 'second')).toMatchObject({
      num: 1,
    })
    await a.next('synced')
    a.send({ event: 'message', roomId: 'r8', message: 'x' })
    expect(await a.next('message')).toMatchObject({ name: 'second' })
  })

  it('compat mode gets only the six tutorial events', async () => {
    const c = await user('c9', { v1: false })
    const v1 = await user('v9')
    c.send({ event: 'enter', roomId: 'r9', message: 'tutorial' })
    expect(await c.next('enter')).toMatchObject({ message: 'tutorial', num: 1 })
    await enter(v1, 'r9')
    c.send({ event: 'message', roomId: 'r9', message: 'hi' })
    expect(await c.next('message')).toMatchObject({ message: 'hi', name: 'tutorial' })
    c.send('not json')
    c.send({ event: 'bogus' })
    c.send({ event: 'history', roomId: 'r9' })
    c.send({ event: 'rooms' })
    c.send({ event: 'message', roomId: 'elsewhere', message: 'x' })
    const extra = await c.pending(
      (f) => !['enter', 'message', 'out', 'heartbeat', 'auth', 'noauth'].includes(f.event),
      300,
    )
    expect(extra).toEqual([])
    expect(c.ws.protocol).toBe('')
    expect(v1.ws.protocol).toBe('parley.v1')
  })
})

describe('history, rooms and ack', () => {
  it('pages history backwards with more, capping limit at 200', async () => {
    const a = await user('h1')
    await enter(a, 'h')
    for (let i = 1; i <= 5; i++) a.send({ event: 'message', roomId: 'h', message: `m${i}` })
    await a.next((f) => f.event === 'message' && f.seq === 5)
    a.send({ event: 'history', roomId: 'h', limit: 2 })
    expect(await a.next('history')).toMatchObject({
      roomId: 'h',
      more: true,
      messages: [{ seq: 4 }, { seq: 5 }],
    })
    a.send({ event: 'history', roomId: 'h', before: 4, limit: 2 })
    expect(await a.next('history')).toMatchObject({
      more: true,
      messages: [{ seq: 2 }, { seq: 3 }],
    })
    a.send({ event: 'history', roomId: 'h', before: 2, limit: 50 })
    const last = await a.next('history')
    expect(last.more).toBe(false)
    expect(last.messages.map((m: { message: string }) => m.message)).toEqual(['m1'])
    // The same fields as the message frame of seq 1, `event` included (num is optional).
    const live: Record<string, unknown> = { ...a.messages('h')[0] }
    delete live.num
    expect(last.messages[0]).toEqual(live)
    a.send({ event: 'history', roomId: 'h', limit: 0 })
    expect(await a.next('history')).toMatchObject({ messages: [], more: true })
    a.send({ event: 'history', roomId: 'h', limit: 1000 })
    expect((await a.next('history')).messages).toHaveLength(5)
    a.send({ event: 'history', roomId: 'h', limit: -1 })
    expect(await a.next('error')).toMatchObject({ code: 'bad_event' })
  })

  it('lists rooms with unread counts that ack moves forward, never back', async () => {
    const a = await user('u1')
    const b = await user('u2')
    await enter(a, 'unread')
    await enter(b, 'unread')
    b.send({ event: 'leave', roomId: 'unread' })
    await a.next('out')
    for (let i = 0; i < 3; i++) a.send({ event: 'message', roomId: 'unread', message: `n${i}` })
    await a.next((f) => f.event === 'message' && f.seq === 3)
    b.send({ event: 'rooms' })
    expect((await b.next('rooms')).rooms).toEqual([
      { roomId: 'unread', seq: 3, cursor: 0, unread: 3, num: 1, users: 1 },
    ])
    b.send({ event: 'ack', roomId: 'unread', seq: 2 })
    b.send({ event: 'ack', roomId: 'unread', seq: 1 })
    b.send({ event: 'rooms' })
    expect((await b.next('rooms')).rooms[0]).toMatchObject({ cursor: 2, unread: 1 })
    b.send({ event: 'ack', roomId: 'unread', seq: 99 })
    b.send({ event: 'rooms' })
    expect((await b.next('rooms')).rooms[0]).toMatchObject({ cursor: 3, unread: 0 })
    b.send({ event: 'ack', roomId: 'not-mine', seq: 1 })
    expect(await b.next('error')).toMatchObject({ code: 'not_in_room', ref: 'ack' })
  })
})
