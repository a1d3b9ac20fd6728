// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { ME, stored, type FakeBridge } from '../testing/fake-bridge'
import { freshApp, settle } from '../testing/setup'
import { MAX_WINDOW, NEWEST_PAGE, STEP_PAGE } from '../lib/timeline-reads'
import { useMessagesStore } from './messages'
import { useRoomsStore } from './rooms'
import { useSessionStore } from './session'

let fake: FakeBridge

async function openRoom(roomId: string) {
  await useSessionStore().start()
  const rooms = useRoomsStore()
  const messages = useMessagesStore()
  await rooms.start()
  messages.start()
  await rooms.open(roomId)
  await settle()
  return { rooms, messages, timeline: () => messages.timelines.get(roomId)! }
}

const seqs = (list: readonly { seq: number | null }[]) => list.map((m) => m.seq)

describe('messages store', () => {
  beforeEach(() => {
    fake = freshApp()
  })

  it('shows the newest page of the room at once', async () => {
    fake.addRoom('general', 500)
    const { timeline } = await openRoom('general')
    expect(timeline().messages).toHaveLength(NEWEST_PAGE)
    expect(timeline().messages.at(-1)?.seq).toBe(500)
    expect(timeline().hasOlder).toBe(true)
  })

  it('queues a message while offline and shows it as sending', async () => {
    fake.addRoom('general', 3)
    fake.connection = { status: 'offline' }
    const { messages, timeline } = await openRoom('general')
    expect(await messages.send('general', 'hello from the train')).toBe(true)
    const last = timeline().messages.at(-1)!
    expect(last).toMatchObject({ text: 'hello from the train', state: 'pending', uid: ME.uid })

    // Back online the server echoes it: the same row, now sent, shown once.
    fake.echo(last.cid!, 4)
    await settle()
    const rows = timeline().messages.filter((m) => m.text === 'hello from the train')
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ state: 'sent', seq: 4 })
  })

  it('retries and discards a failed message', async () => {
    const room = fake.addRoom('general', 2)
    const { messages, timeline } = await openRoom('general')
    await messages.send('general', 'too bold')
    await messages.send('general', 'try again')
    room.outbox = room.outbox.map((m) => ({ ...m, state: 'failed', failure: 'forbidden' }))
    fake.events.messages.emit({ roomId: 'general', reason: 'outbox' })
    await settle()
    const [first, second] = timeline().messages.filter((m) => m.state === 'failed')
    expect(first?.text).toBe('too bold')

    await messages.discard(first!)
    await messages.retry(second!)
    await settle()
    expect(fake.calls).toContain(`discard:${first!.cid}`)
    expect(fake.calls).toContain(`retry:${second!.cid}`)
    expect(
      timeline()
        .messages.map((m) => [m.text, m.state])
        .slice(-1),
    ).toEqual([['try again', 'pending']])
    expect(timeline().messages.some((m) => m.text === 'too bold')).toBe(false)
  })

  it('pages back on scroll-up and keeps a bounded window', async () => {
    fake.addRoom('big', 5000)
    const { messages, timeline } = await openRoom('big')
    await messages.loadOlder(timeline())
    expect(timeline().messages).toHaveLength(NEWEST_PAGE + STEP_PAGE)
    expect(timeline().messages[0]?.seq).toBe(5000 - NEWEST_PAGE - STEP_PAGE + 1)

    while (timeline().messages[0]!.seq! > 5000 - MAX_WINDOW - 5 * STEP_PAGE) {
      await messages.loadOlder(timeline())
    }
    expect(timeline().messages.length).toBeLessThanOrEqual(MAX_WINDOW)
    expect(timeline().hasNewer).toBe(true)
    const list = seqs(timeline().messages) as number[]
    expect(list).toEqual([...list].sort((a, b) => a - b))
    expect(new Set(list).size).toBe(list.length)

    // Coming back down reads the dropped pages again, up to the newest.
    while (timeline().hasNewer) await messages.loadNewer(timeline())
    expect(timeline().messages.at(-1)?.seq).toBe(5000)
  })

  it('reloads on a coalesced messages event, also for a burst larger than a page', async () => {
    fake.addRoom('general', 100)
    const { timeline } = await openRoom('general')
    fake.deliver(
      'general',
      Array.from({ length: 200 }, (_, i) => stored('general', 101 + i)),
    )
    await settle()
    const list = seqs(timeline().messages) as number[]
    expect(list.at(-1)).toBe(300)
    // Nothing between what was shown and the burst is missing.
    expect(list.slice(list.indexOf(100))).toEqual(Array.from({ length: 201 }, (_, i) => 100 + i))
  })

  it('shows the newest of a burst too large to join, the rest read on scrolling up', async () => {
    fake.addRoom('general', 100)
    const { messages, timeline } = await openRoom('general')
    fake.deliver(
      'general',
      Array.from({ length: 2000 }, (_, i) => stored('general', 101 + i)),
    )
    await settle()
    expect(timeline().messages.at(-1)?.seq).toBe(2100)
    expect(timeline().hasOlder).toBe(true)
    const first = timeline().messages[0]!.seq!
    await messages.loadOlder(timeline())
    expect(timeline().messages[0]!.seq).toBe(first - STEP_PAGE)
  })

  it('marks a page read with a hole and fills it on the history event', async () => {
    fake.addRoom('general', 10)
    fake.holeInNewest = true
    const { timeline } = await openRoom('general')
    expect(timeline().hole).toBe('newest')
    fake.holeInNewest = false
    fake.events.messages.emit({ roomId: 'general', reason: 'history' })
    await settle()
    expect(timeline().hole).toBe(null)
  })

  it('opens a room at a message, highlighted, from a search or a notification', async () => {
    fake.addRoom('general', 3)
    fake.addRoom('big', 3000)
    const { messages, rooms, timeline } = await openRoom('general')
    await messages.openAt('big', 1234)
    await settle()
    expect(rooms.currentRoomId).toBe('big')
    const big = messages.timelines.get('big')!
    expect(big.highlightSeq).toBe(1234)
    expect(big.messages.some((m) => m.seq === 1234)).toBe(true)
    expect(big.hasNewer).toBe(true)
    expect(timeline().roomId).toBe('general')
  })
})
