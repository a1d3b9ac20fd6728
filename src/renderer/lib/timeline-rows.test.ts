import { describe, expect, it } from 'vitest'
import type { PresenceNotice } from '../../shared/bridge'
import { stored } from '../testing/fake-bridge'
import { timelineRows, type RowOptions } from './timeline-rows'

const base: RowOptions = { older: false, newer: false, unreadAfter: 0, myUid: 'me', notices: [] }
const kinds = (rows: ReturnType<typeof timelineRows>) =>
  rows.map((r) => (r.kind === 'message' ? r.message.seq : r.kind))

describe('timelineRows', () => {
  it('draws the "new messages" line before the first message from others after the read mark', () => {
    const messages = [1, 2, 3, 4].map((seq) => stored('r', seq, { uid: seq === 3 ? 'me' : 'bob' }))
    const rows = timelineRows(messages, { ...base, unreadAfter: 2 })
    expect(kinds(rows)).toEqual(['start', 'day', 1, 2, 3, 'unread', 4])
  })

  it('draws no line when everything has been read, or the room was never read', () => {
    const messages = [1, 2].map((seq) => stored('r', seq))
    expect(kinds(timelineRows(messages, { ...base, unreadAfter: 2 }))).not.toContain('unread')
    expect(kinds(timelineRows(messages, { ...base, unreadAfter: 0 }))).not.toContain('unread')
  })

  it('groups one sender’s messages within minutes and separates days', () => {
    const day = Date.UTC(2026, 2, 3, 10)
    const messages = [
      stored('r', 1, { uid: 'ann', ts: day }),
      stored('r', 2, { uid: 'ann', ts: day + 60_000 }),
      stored('r', 3, { uid: 'bob', ts: day + 120_000 }),
      stored('r', 4, { uid: 'bob', ts: day + 86_400_000 }),
    ]
    const rows = timelineRows(messages, base)
    expect(kinds(rows)).toEqual(['start', 'day', 1, 2, 3, 'day', 4])
    const grouped = rows.flatMap((r) => (r.kind === 'message' ? [r.grouped] : []))
    expect(grouped).toEqual([false, true, false, false])
  })

  it('shows a loading row at either end that has more to read', () => {
    const rows = timelineRows([stored('r', 5)], { ...base, older: true, newer: true })
    expect(kinds(rows)).toEqual(['older', 'day', 5, 'newer'])
  })

  const notice = (over: Partial<PresenceNotice>): PresenceNotice => ({
    roomId: 'r',
    kind: 'joined',
    uid: 'carol',
    name: 'Carol',
    ts: Date.UTC(2026, 0, 1, 12),
    afterSeq: 0,
    presence: { num: 3, users: 3 },
    ...over,
  })

  it('places a notice where it came in the stream, whatever the clocks say', () => {
    const day = Date.UTC(2026, 2, 3, 10)
    const m = [1, 2, 3].map((seq) => stored('r', seq, { uid: 'dave', ts: day + seq }))
    // It arrived after seq 1 but was stamped later than the server stamped seq 2 and 3 (a
    // busy moment, or a server clock behind this one): it still goes between 1 and 2.
    const late = notice({ ts: day + 60_000, afterSeq: 1 })
    // Stamped before seq 1 by a clock ahead of the server's, yet it came after seq 3.
    const early = notice({ ts: day - 60_000, afterSeq: 3 })
    expect(kinds(timelineRows(m, { ...base, notices: [late, early] }))).toEqual([
      'start',
      'day',
      1,
      'notice',
      2,
      3,
      'notice',
    ])
  })

  it('keeps one sender’s run grouped when a notice came before all of it', () => {
    const day = Date.UTC(2026, 2, 3, 10)
    const m = [1, 2].map((seq) => stored('r', seq, { uid: 'dave', ts: day + seq }))
    const rows = timelineRows(m, { ...base, notices: [notice({ ts: day + 60_000 })] })
    expect(kinds(rows)).toEqual(['start', 'day', 'notice', 1, 2])
    expect(rows.flatMap((r) => (r.kind === 'message' ? [r.grouped] : []))).toEqual([false, true])
  })

  it('puts notices before messages still sending, and leaves out those above the window', () => {
    const m = [stored('r', 5), stored('r', 6), { ...stored('r', 7), seq: null }]
    const notices = [notice({ afterSeq: 2 }), notice({ afterSeq: 4 }), notice({ afterSeq: 6 })]
    expect(kinds(timelineRows(m, { ...base, older: true, notices }))).toEqual([
      'older',
      'day',
      'notice',
      5,
      6,
      'notice',
      null,
    ])
  })

  it('puts a notice inside its own day, after that day’s separator', () => {
    const day = Date.UTC(2026, 2, 3, 10)
    const m = [stored('r', 1, { ts: day }), stored('r', 2, { ts: day + 86_400_000 + 60_000 })]
    // One the next day before its first message, one on a third day with no message yet.
    const notices = [
      notice({ ts: day + 86_400_000, afterSeq: 1 }),
      notice({ ts: day + 2 * 86_400_000, afterSeq: 2 }),
    ]
    expect(kinds(timelineRows(m, { ...base, notices }))).toEqual([
      'start',
      'day',
      1,
      'day',
      'notice',
      2,
      'day',
      'notice',
    ])
  })
})
