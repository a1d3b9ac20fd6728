// The ordering mechanism shared by the room pipeline and each connection's stream, on a real
// in-process store: in seq order, no gap, nothing twice, whatever order messages come in.
import { describe, expect, it } from 'vitest'
import { createMemoryStore } from '../store/memory'
import { input } from '../store/store.contract'
import type { ChatStore, StoredMessage } from '../store/types'
import { StoreGate } from '../testing/store-gate'
import { SeqOrder } from './seq-order'

class Recorder extends SeqOrder {
  readonly out: number[] = []
  failures = 0
  protected readonly retryLimit = 0

  constructor(
    private readonly store: ChatStore,
    held: boolean,
  ) {
    super({ held, last: held ? 0 : undefined })
  }

  start(last: number) {
    this.startAt(last)
  }
  replay(start: number, latest: number) {
    return this.replayFrom(start, latest)
  }
  resume() {
    this.release()
  }
  protected emit(m: StoredMessage) {
    this.out.push(m.seq)
  }
  protected fetch(after: number, before: number | undefined, limit: number) {
    return this.store.range('r', { after, before, limit })
  }
  protected gaveUp() {
    this.failures++
    this.skipHole()
  }
}

async function roomOf(count: number, historyLimit = 100, gate = new StoreGate()) {
  const store = gate.wrap(createMemoryStore({ historyLimit }))
  const messages: StoredMessage[] = []
  for (let i = 1; i <= count; i++)
    messages.push((await store.append(input('r', 'u', `m${i}`))).message)
  return { store, messages }
}

const settled = () => new Promise((resolve) => setImmediate(resolve))

describe('SeqOrder', () => {
  it('hands messages on in seq order, reading what jumped ahead of them from the store', async () => {
    const { store, messages } = await roomOf(6)
    const order = new Recorder(store, false)
    order.start(0)
    for (const i of [2, 0, 5, 1, 0, 3]) order.offer(messages[i]!)
    await settled()
    expect(order.out).toEqual([1, 2, 3, 4, 5, 6])
  })

  it('reads a tail the bus never brought, and skips what retention dropped', async () => {
    const { store, messages } = await roomOf(10, 4)
    const order = new Recorder(store, false)
    order.start(2)
    order.reach(8)
    await settled()
    expect(order.out).toEqual([7, 8])
    order.offer(messages[9]!)
    await settled()
    expect(order.out).toEqual([7, 8, 9, 10])
  })

  it('replays before live messages and reports the last seq it sent', async () => {
    const gate = new StoreGate()
    const { store, messages } = await roomOf(5, 100, gate)
    const order = new Recorder(store, true)
    const read = gate.hold('range', () => true, 'after')
    const replay = order.replay(0, 3)
    await read.reached
    order.offer(messages[4]!)
    read.release()
    // Seq 4 and 5 were stored after the latest seq (3) was read: the replay sent them.
    expect(await replay).toEqual({ seq: 5, truncated: false })
    order.resume()
    await settled()
    expect(order.out).toEqual([1, 2, 3, 4, 5])
  })

  it('lets a replay read only after a hole fill already running is done', async () => {
    const gate = new StoreGate()
    const { store } = await roomOf(2, 100, gate)
    const order = new Recorder(store, true)
    await order.replay(0, 2)
    order.resume()
    await store.append(input('r', 'u', 'm3'))
    const { message: fourth } = await store.append(input('r', 'u', 'm4'))
    const fill = gate.hold('range', () => true, 'before')
    order.offer(fourth)
    await fill.reached
    const replay = order.replay(0, 4)
    fill.release()
    expect(await replay).toEqual({ seq: 4, truncated: false })
    expect(order.out).toEqual([1, 2, 3, 4])
  })

  it('gives up on a hole it cannot read and goes on from what waits', async () => {
    const gate = new StoreGate()
    const { store, messages } = await roomOf(3, 100, gate)
    const order = new Recorder(store, false)
    order.start(0)
    void gate.fail('range')
    order.offer(messages[2]!)
    await settled()
    expect(order.failures).toBe(1)
    expect(order.out).toEqual([3])
  })
})
