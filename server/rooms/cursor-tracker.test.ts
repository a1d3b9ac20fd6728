// Read cursors advanced by delivery reach the store in one batch per flush, only ever forward.
import { describe, expect, it } from 'vitest'
import { createLogger } from '../logger'
import { createMemoryStore } from '../store/memory'
import { input } from '../store/store.contract'
import { StoreGate } from '../testing/store-gate'
import { CursorTracker } from './cursor-tracker'

async function storeWithRooms(gate = new StoreGate()) {
  const store = gate.wrap(createMemoryStore({ historyLimit: 100 }))
  for (const uid of ['ann', 'bob']) for (const room of ['r1', 'r2']) await store.join(uid, room)
  for (let i = 0; i < 5; i++) {
    await store.append(input('r1', 'ann', `one ${i}`))
    await store.append(input('r2', 'bob', `two ${i}`))
  }
  return store
}

const cursors = async (store: Awaited<ReturnType<typeof storeWithRooms>>, uid: string) =>
  Object.fromEntries((await store.memberships(uid)).map((m) => [m.roomId, m.cursor]))

describe('CursorTracker', () => {
  it('saves the highest seq delivered per uid and room at the flush', async () => {
    const store = await storeWithRooms()
    const tracker = new CursorTracker(store, createLogger('silent'))
    tracker.delivered('ann', 'r1', 2)
    tracker.delivered('ann', 'r1', 4)
    tracker.delivered('ann', 'r1', 3)
    tracker.delivered('ann', 'r2', 1)
    tracker.delivered('bob', 'r2', 5)
    expect(await cursors(store, 'ann')).toEqual({ r1: 0, r2: 0 })
    await tracker.close()
    expect(await cursors(store, 'ann')).toEqual({ r1: 4, r2: 1 })
    expect(await cursors(store, 'bob')).toEqual({ r1: 0, r2: 5 })
  })

  it('never moves a saved cursor back', async () => {
    const store = await storeWithRooms()
    const tracker = new CursorTracker(store, createLogger('silent'))
    tracker.delivered('ann', 'r1', 5)
    await tracker.flush()
    tracker.delivered('ann', 'r1', 2)
    await tracker.close()
    expect(await cursors(store, 'ann')).toMatchObject({ r1: 5 })
  })

  it('answers with what was delivered until it is saved, and a flush waits for earlier ones', async () => {
    const gate = new StoreGate()
    const store = await storeWithRooms(gate)
    const tracker = new CursorTracker(store, createLogger('silent'))
    expect(tracker.cursor('ann', 'r1')).toBeUndefined()
    tracker.delivered('ann', 'r1', 3)
    expect(tracker.cursor('ann', 'r1')).toBe(3)
    const first = gate.hold('advanceCursors')
    const firstFlush = tracker.flush()
    await first.reached
    // Being written: still counted.
    expect(tracker.cursor('ann', 'r1')).toBe(3)
    tracker.delivered('ann', 'r1', 4)
    let secondDone = false
    const secondFlush = tracker.flush().then(() => (secondDone = true))
    await new Promise((resolve) => setImmediate(resolve))
    expect(secondDone).toBe(false)
    first.release()
    await Promise.all([firstFlush, secondFlush])
    expect(tracker.cursor('ann', 'r1')).toBeUndefined()
    expect(await cursors(store, 'ann')).toMatchObject({ r1: 4 })
    await tracker.close()
  })
})
