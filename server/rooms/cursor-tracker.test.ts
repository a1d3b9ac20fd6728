// Read cursors advanced by delivery reach the store in one batch per flush, only ever forward.
import { describe, expect, it } from 'vitest'
import { createLogger } from '../logger'
import { createMemoryStore } from '../store/memory'
import { input } from '../store/store.contract'
import { CursorTracker } from './cursor-tracker'

async function storeWithRooms() {
  const store = createMemoryStore({ historyLimit: 100 })
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
})
