// Outbox queries on a real file: order, states, and rows of forgotten rooms.
import { describe, expect, it } from 'vitest'
import { useTestDatabase } from '../testing/test-database'
import {
  addToOutbox,
  getOutboxRow,
  markOutboxFailed,
  markOutboxPending,
  pendingOutbox,
  removeFromOutbox,
  roomOutbox,
} from './outbox'
import { forgetRoom } from './rooms'

const t = useTestDatabase('a', 'b')

const add = (cid: string, roomId: string) =>
  addToOutbox(t.db, { cid, roomId, text: `text ${cid}`, createdAt: 5 })

describe('outbox queries', () => {
  it('keeps pending rows in the order they were written, across rooms', () => {
    const row = add('c1', 'b')
    add('c2', 'a')
    add('c3', 'b')
    expect(row).toEqual({
      position: 1,
      cid: 'c1',
      roomId: 'b',
      text: 'text c1',
      createdAt: 5,
      state: 'pending',
      failure: null,
    })
    expect(pendingOutbox(t.db).map((r) => r.cid)).toEqual(['c1', 'c2', 'c3'])
    expect(roomOutbox(t.db, 'b').map((r) => r.cid)).toEqual(['c1', 'c3'])
  })

  it('fails, retries and removes rows', () => {
    add('c1', 'a')
    add('c2', 'a')
    expect(markOutboxFailed(t.db, 'c1', 'too_large')).toBe(true)
    expect(getOutboxRow(t.db, 'c1')).toMatchObject({ state: 'failed', failure: 'too_large' })
    expect(pendingOutbox(t.db).map((r) => r.cid)).toEqual(['c2'])
    expect(markOutboxPending(t.db, 'c1')).toBe(true)
    expect(pendingOutbox(t.db).map((r) => r.cid)).toEqual(['c1', 'c2'])
    expect(removeFromOutbox(t.db, 'c1')?.cid).toBe('c1')
    expect(removeFromOutbox(t.db, 'c1')).toBeUndefined()
  })

  it('does not send rows of a room forgotten meanwhile', () => {
    add('c1', 'a')
    forgetRoom(t.db, 'a')
    expect(pendingOutbox(t.db)).toEqual([])
  })
})
