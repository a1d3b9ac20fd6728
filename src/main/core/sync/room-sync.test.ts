// Room sync on a real database with a scripted socket: what a server that lost its history
// (all of it, or only its newest messages) leaves in the local copy.
import { describe, expect, it } from 'vitest'
import type { ChatMessage } from '../../../shared/protocol'
import type { OutgoingFrame } from '../connection/connection'
import { insertMessages, messagesBefore } from '../db/messages'
import { getRoom, updateSyncPoint } from '../db/rooms'
import { searchMessages } from '../db/search'
import { chatMessage, chatMessages } from '../testing/messages'
import { useTestDatabase } from '../testing/test-database'
import { BatchEffects } from './batch-effects'
import { RoomSync } from './room-sync'

const t = useTestDatabase('r')

/** A room synced up to 5, entered again on a new socket; returns the frames it sent. */
function reconnectedAt5(): { sync: RoomSync; sent: OutgoingFrame[] } {
  insertMessages(t.db, chatMessages('r', 1, 5))
  updateSyncPoint(t.db, 'r', { syncedSeq: 5, latestSeq: 5, lastReadSeq: 5 })
  const sent: OutgoingFrame[] = []
  const link = { isOpen: true, send: (f: OutgoingFrame) => sent.push(f) > 0 }
  const sync = new RoomSync(t.db, link, 'me', (err) => {
    throw err
  })
  sync.onOpen()
  return { sync, sent }
}

function batch(sync: RoomSync, apply: (fx: BatchEffects) => void): BatchEffects {
  const fx = new BatchEffects()
  t.db.transaction(() => {
    apply(fx)
    sync.finishBatch(fx)
  })()
  return fx
}

const held = () => messagesBefore(t.db, 'r', 1_000, 1_000).map((m) => [m.seq, m.text])

describe('RoomSync when the server lost its history', () => {
  it('keeps what was held below seq 1 and fetches everything the server has now', () => {
    const { sync, sent } = reconnectedAt5()
    expect(sent).toEqual([{ event: 'enter', roomId: 'r', since: 5 }])
    const fx = batch(sync, (fx) => sync.applySynced({ event: 'synced', roomId: 'r', seq: 2 }, fx))
    expect(fx.problems).toEqual([{ kind: 'history-lost', roomId: 'r' }])
    expect(fx.changed.get('r')).toBe('reset')
    expect(getRoom(t.db, 'r')).toMatchObject({
      syncedSeq: 0,
      latestSeq: 2,
      lastReadSeq: 2,
      archiveShift: 5,
    })
    expect(sent.at(-1)).toEqual({ event: 'history', roomId: 'r', before: 3, limit: 2 })
    const fresh = [1, 2].map((seq) =>
      chatMessage('r', seq, { id: `new-${seq}`, message: `new ${seq}` }),
    )
    batch(sync, (fx) =>
      sync.applyHistory({ event: 'history', roomId: 'r', messages: fresh, more: false }, fx),
    )
    expect(held()).toEqual([
      [-4, 'message 1'],
      [-3, 'message 2'],
      [-2, 'message 3'],
      [-1, 'message 4'],
      [0, 'message 5'],
      [1, 'new 1'],
      [2, 'new 2'],
    ])
    expect(getRoom(t.db, 'r')?.syncedSeq).toBe(2)
    // The search index follows the rows: the jump target is the new seq.
    expect(searchMessages(t.db, 'message 4').map((h) => h.seq)).toEqual([-1])
  })

  it('shows once what a server that lost only its newest messages still has', () => {
    const { sync } = reconnectedAt5()
    batch(sync, (fx) => sync.applySynced({ event: 'synced', roomId: 'r', seq: 3 }, fx))
    const kept: ChatMessage[] = chatMessages('r', 1, 3)
    batch(sync, (fx) =>
      sync.applyHistory({ event: 'history', roomId: 'r', messages: kept, more: false }, fx),
    )
    expect(held()).toEqual([
      [-1, 'message 4'],
      [0, 'message 5'],
      [1, 'message 1'],
      [2, 'message 2'],
      [3, 'message 3'],
    ])
  })

  it('takes a synced at or above the since it sent as the same history', () => {
    const { sync } = reconnectedAt5()
    const fx = batch(sync, (fx) => sync.applySynced({ event: 'synced', roomId: 'r', seq: 5 }, fx))
    expect(fx.problems).toEqual([])
    expect(held().map(([seq]) => seq)).toEqual([1, 2, 3, 4, 5])
  })
})

describe('RoomSync.latestKnown', () => {
  it('counts messages of the batch being applied, before they are saved', () => {
    const { sync } = reconnectedAt5()
    expect(sync.latestKnown('r')).toBe(5)
    let midBatch = 0
    batch(sync, (fx) => {
      sync.applySynced({ event: 'synced', roomId: 'r', seq: 5 }, fx)
      sync.applyMessage({ event: 'message', num: 1, ...chatMessage('r', 6) }, fx)
      midBatch = sync.latestKnown('r')
    })
    expect(midBatch).toBe(6)
    expect(sync.latestKnown('r')).toBe(6)
    expect(sync.latestKnown('elsewhere')).toBe(0)
  })
})
