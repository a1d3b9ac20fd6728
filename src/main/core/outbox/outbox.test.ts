// The outbox against a real database and a scripted socket: what goes out when, after each
// kind of refusal, and a database failure in its resend timer.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ServerFrameOf } from '../../../shared/protocol'
import type { OutgoingFrame } from '../connection/connection'
import { roomOutbox } from '../db/outbox'
import { BatchEffects } from '../sync/batch-effects'
import { chatMessage } from '../testing/messages'
import { useTestDatabase } from '../testing/test-database'
import { Outbox } from './outbox'

const t = useTestDatabase('a', 'b')
let sent: OutgoingFrame[]
let timerErrors: unknown[]
let outbox: Outbox

beforeEach(() => {
  vi.useFakeTimers()
  sent = []
  timerErrors = []
  const link = { isOpen: true, send: (f: OutgoingFrame) => sent.push(f) > 0 }
  outbox = new Outbox(
    t.db,
    link,
    'me',
    (err) => timerErrors.push(err),
    () => true,
  )
})
afterEach(() => {
  vi.useRealTimers()
})

const texts = () => sent.map((f) => (f.event === 'message' ? f.message : f.event))
const refuse = (cid: string, code: ServerFrameOf<'error'>['code']) =>
  outbox.applyError({ event: 'error', code, message: '', ref: cid }, new BatchEffects())

describe('Outbox', () => {
  it('holds a row refused as unavailable, and its room behind it, for 3 s', () => {
    const first = outbox.add('a', 'a1')
    outbox.add('a', 'a2')
    expect(texts()).toEqual(['a1', 'a2'])
    refuse(first.cid, 'unavailable')
    outbox.add('a', 'a3')
    outbox.add('b', 'b1')
    outbox.flush()
    expect(texts()).toEqual(['a1', 'a2', 'b1'])
    vi.advanceTimersByTime(3000)
    expect(texts()).toEqual(['a1', 'a2', 'b1', 'a1', 'a3'])
  })

  it('fails a row for good on forbidden, and keeps one the socket refused otherwise', () => {
    const a = outbox.add('a', 'a1')
    const b = outbox.add('b', 'b1')
    refuse(a.cid, 'forbidden')
    refuse(b.cid, 'bad_event')
    outbox.flush()
    vi.advanceTimersByTime(10_000)
    expect(texts()).toEqual(['a1', 'b1'])
    outbox.onClosed()
    outbox.flush()
    expect(texts()).toEqual(['a1', 'b1', 'b1'])
  })

  it('ends a row on its echo, a repeat answer included, and on nothing else', () => {
    const row = outbox.add('a', 'a1')
    const fx = new BatchEffects()
    outbox.applyStored(chatMessage('a', 4, { uid: 'someone', cid: row.cid }), fx)
    expect(roomOutbox(t.db, 'a')).toHaveLength(1)
    const repeat: ServerFrameOf<'message'> = {
      event: 'message',
      ...chatMessage('a', 4, { uid: 'me', cid: row.cid }),
      num: 1,
      repeat: true,
    }
    outbox.applyStored(repeat, fx)
    expect(roomOutbox(t.db, 'a')).toEqual([])
    expect(fx.changed.get('a')).toBe('outbox')
    outbox.onClosed()
    outbox.flush()
    expect(texts()).toEqual(['a1'])
  })

  it('hands a database failure in its resend timer to the session', () => {
    const row = outbox.add('a', 'a1')
    refuse(row.cid, 'unavailable')
    // A damaged file, as far as the next read can tell.
    t.db.exec('DROP TABLE outbox')
    vi.advanceTimersByTime(3000)
    expect(timerErrors).toMatchObject([{ code: 'SQLITE_ERROR' }])
  })
})
