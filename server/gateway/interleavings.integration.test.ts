// Each interleaving of an enter's store calls with other frames that can happen on Redis (a
// round trip between each call), forced one at a time by holding a real store's calls at a
// gate, and the reader's stream checked against the ordering rule of docs/protocol.md.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ParleyServer } from '../create-server'
import { TestClient, type Frame } from '../testing/client'
import { startTestServer } from '../testing/in-process'
import { ENTERED, orderingViolations } from '../testing/ordering-rule'
import { StoreGate } from '../testing/store-gate'
import { testToken } from '../testing/tokens'

const gate = new StoreGate()
let server: ParleyServer
let open: TestClient[] = []

beforeAll(async () => {
  server = await startTestServer({}, { wrapStore: (store) => gate.wrap(store) })
})
afterEach(() => {
  for (const c of open) c.close()
  open = []
})
afterAll(() => server.close())

async function user(uid: string) {
  const c = await TestClient.connect(server.url, { token: await testToken(uid) })
  open.push(c)
  await c.next('auth')
  return c
}

function enter(c: TestClient, roomId: string, extra: Record<string, unknown> = {}): void {
  c.frames.push({ event: ENTERED, roomId })
  c.send({ event: 'enter', roomId, ...extra })
}

const synced = (c: TestClient, roomId: string) =>
  c.next((f) => f.event === 'synced' && f.roomId === roomId)

async function say(c: TestClient, roomId: string, message: string): Promise<Frame> {
  c.send({ event: 'message', roomId, message })
  return c.next((f) => f.event === 'message' && f.message === message)
}

const inRoom = (roomId: string) => (args: unknown[]) => args[0] === roomId
const seqs = (c: TestClient, roomId: string) => c.messages(roomId).map((f) => f.seq as number)

/** A writer in `roomId` that has sent `count` messages (seq 1..count). */
async function roomWith(roomId: string, count: number) {
  const writer = await user(`${roomId}-w`)
  enter(writer, roomId)
  await synced(writer, roomId)
  for (let i = 1; i <= count; i++) await say(writer, roomId, `m${i}`)
  return writer
}

describe('an enter racing other frames', () => {
  it('a message stored between the join and the replay is sent once, before synced', async () => {
    const writer = await roomWith('ra', 2)
    const join = gate.hold('join', (a) => a[1] === 'ra', 'after')
    const reader = await user('ra-r')
    enter(reader, 'ra', { since: 0 })
    await join.reached
    // The join has read the room's latest seq (2); seq 3 is stored before the replay reads.
    await say(writer, 'ra', 'm3')
    join.release()
    expect(await synced(reader, 'ra')).toMatchObject({ seq: 3 })
    await say(writer, 'ra', 'm4')
    await reader.next((f) => f.event === 'message' && f.seq === 4)
    expect(seqs(reader, 'ra')).toEqual([1, 2, 3, 4])
    expect(orderingViolations(reader.frames, 'ra')).toEqual([])
  })

  it('a live message announced before the replay reads is sent once, by the replay', async () => {
    const writer = await roomWith('rb', 2)
    const replay = gate.hold('range', inRoom('rb'), 'before')
    const reader = await user('rb-r')
    enter(reader, 'rb', { since: 0 })
    await replay.reached
    // The reader is in the room: seq 3 waits in its stream, and the replay will read it too.
    await say(writer, 'rb', 'm3')
    replay.release()
    expect(await synced(reader, 'rb')).toMatchObject({ seq: 3 })
    await say(writer, 'rb', 'm4')
    await reader.next((f) => f.event === 'message' && f.seq === 4)
    expect(seqs(reader, 'rb')).toEqual([1, 2, 3, 4])
    expect(orderingViolations(reader.frames, 'rb')).toEqual([])
  })

  it('a live message announced after the replay read goes out after synced', async () => {
    const writer = await roomWith('rc', 2)
    const replay = gate.hold('range', inRoom('rc'), 'after')
    const reader = await user('rc-r')
    enter(reader, 'rc', { since: 0 })
    await replay.reached
    await say(writer, 'rc', 'm3')
    replay.release()
    expect(await synced(reader, 'rc')).toMatchObject({ seq: 2 })
    await reader.next((f) => f.event === 'message' && f.seq === 3)
    expect(seqs(reader, 'rc')).toEqual([1, 2, 3])
    expect(orderingViolations(reader.frames, 'rc')).toEqual([])
  })

  it('a room filling a hole while a newcomer enters hands the newcomer each message once', async () => {
    const writer = await roomWith('rd', 0)
    const other = await user('rd-o')
    enter(other, 'rd')
    await synced(other, 'rd')
    // seq 1's answer is held: seq 2 reaches the room first, which reads 1 from the store.
    const first = gate.hold('append', (a) => (a[0] as { text: string }).text === 'm1', 'after')
    writer.send({ event: 'message', roomId: 'rd', message: 'm1' })
    await first.reached
    const fill = gate.hold('range', inRoom('rd'), 'before')
    other.send({ event: 'message', roomId: 'rd', message: 'm2' })
    await fill.reached
    const reader = await user('rd-r')
    enter(reader, 'rd', { since: 0 })
    expect(await synced(reader, 'rd')).toMatchObject({ seq: 2 })
    fill.release()
    first.release()
    for (const c of [writer, other, reader])
      await c.next((f) => f.event === 'message' && f.seq === 2)
    await say(writer, 'rd', 'm3')
    for (const c of [other, reader]) await c.next((f) => f.event === 'message' && f.seq === 3)
    for (const c of [writer, other, reader]) {
      expect(seqs(c, 'rd')).toEqual([1, 2, 3])
      expect(orderingViolations(c.frames, 'rd')).toEqual([])
    }
  })

  it('a connection filling a hole in its own stream while it enters again sends each once', async () => {
    const writer = await roomWith('re', 0)
    const other = await user('re-o')
    enter(other, 're')
    await synced(other, 're')
    const reader = await user('re-r')
    const itsEnter = (f: Frame) => f.event === 'enter' && f.uid === 're-r'
    enter(reader, 're')
    await reader.next(itsEnter)
    await synced(reader, 're')
    // seq 1's answer is held and the room's read of it fails: the room hands seq 2 on, and
    // each stream fills the hole itself; the reader's fill is held while it enters again.
    const first = gate.hold('append', (a) => (a[0] as { text: string }).text === 'm1', 'after')
    writer.send({ event: 'message', roomId: 're', message: 'm1' })
    await first.reached
    const roomFill = gate.fail('range', inRoom('re'))
    const writerFill = gate.hold('range', inRoom('re'), 'before')
    const otherFill = gate.hold('range', inRoom('re'), 'before')
    const readerFill = gate.hold('range', inRoom('re'), 'before')
    other.send({ event: 'message', roomId: 're', message: 'm2' })
    await roomFill
    for (const fill of [writerFill, otherFill]) {
      await fill.reached
      fill.release()
    }
    await readerFill.reached
    const replay = gate.hold('range', inRoom('re'), 'before')
    enter(reader, 're', { since: 0 })
    // Its enter broadcast went out: the replay is under way, and may not read before the
    // fill is done (it would send what the fill sends).
    await reader.next(itsEnter)
    readerFill.release()
    await replay.reached
    replay.release()
    expect(await synced(reader, 're')).toMatchObject({ seq: 2 })
    first.release()
    await say(writer, 're', 'm3')
    await reader.next((f) => f.event === 'message' && f.seq === 3)
    expect(seqs(reader, 're')).toEqual([1, 2, 3])
    expect(orderingViolations(reader.frames, 're')).toEqual([])
  })

  it('a forget by another connection while an enter waits leaves the entering one out', async () => {
    const writer = await roomWith('rf', 1)
    const tab = await user('rf-r')
    enter(tab, 'rf')
    await synced(tab, 'rf')
    const entering = await user('rf-r')
    const presence = gate.hold('presenceAdd', (a) => a[0] === 'rf')
    entering.send({ event: 'enter', roomId: 'rf' })
    await presence.reached
    // The join is done; the forget comes after it and ends the membership.
    tab.send({ event: 'forget', roomId: 'rf' })
    await writer.next((f) => f.event === 'out' && f.uid === 'rf-r')
    presence.release()
    expect(await entering.next('error')).toMatchObject({ code: 'not_in_room', ref: 'enter' })
    await say(writer, 'rf', 'm2')
    entering.send({ event: 'rooms' })
    expect((await entering.next('rooms')).rooms).toEqual([])
    expect(entering.messages('rf')).toEqual([])
    expect(entering.frames.filter((f) => f.event === 'synced')).toEqual([])
    // No presence of it was left behind: the writer is alone in the room.
    writer.send({ event: 'rooms' })
    expect((await writer.next('rooms')).rooms).toMatchObject([{ roomId: 'rf', num: 1, users: 1 }])
  })
})
