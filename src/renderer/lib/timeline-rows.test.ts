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

  it('places join and leave notices among the messages by time', () => {
    const m = [stored('r', 1), stored('r', 2)]
    const notice: PresenceNotice = {
      roomId: 'r',
      kind: 'joined',
      uid: 'carol',
      name: 'Carol',
      ts: m[0]!.ts + 1,
      presence: { num: 3, users: 3 },
    }
    expect(kinds(timelineRows(m, { ...base, notices: [notice] }))).toEqual([
      'start',
      'day',
      1,
      'notice',
      2,
    ])
  })

  it('puts a notice inside its own day, after that day’s separator', () => {
    const day = Date.UTC(2026, 2, 3, 10)
    const notice = (ts: number): PresenceNotice => ({
      roomId: 'r',
      kind: 'joined',
      uid: 'bob',
      name: 'Bob',
      ts,
      presence: { num: 2, users: 2 },
    })
    const m = [stored('r', 1, { ts: day }), stored('r', 2, { ts: day + 86_400_000 + 60_000 })]
    // One the next day before its first message, one on a third day with no message yet.
    const notices = [notice(day + 86_400_000), notice(day + 2 * 86_400_000)]
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
