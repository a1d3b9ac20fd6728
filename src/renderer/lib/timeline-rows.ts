// The rows the message list shows for a window of messages: day separators, the "new
// messages" line, messages grouped under one name when one sender writes several in a row,
// and the thin loading rows at either end.
import type { MessageView, PresenceNotice } from '../../shared/bridge'
import { messageKey } from './message-window'

export type TimelineRow =
  | { kind: 'older'; key: string }
  | { kind: 'start'; key: string }
  | { kind: 'day'; key: string; ts: number }
  | { kind: 'unread'; key: string }
  | { kind: 'message'; key: string; message: MessageView; grouped: boolean }
  | { kind: 'notice'; key: string; notice: PresenceNotice }
  | { kind: 'newer'; key: string }

export interface RowOptions {
  /** Show the "loading older messages" row (more to read, or a hole being filled). */
  older: boolean
  newer: boolean
  /** Messages from others above this seq are new; 0 (never read) draws no line. */
  unreadAfter: number
  myUid: string | null
  /** Join and leave notices of the room, oldest first, placed by where they came in the stream. */
  notices: readonly PresenceNotice[]
}

/** Consecutive messages from one sender within this span share one name and time. */
const GROUP_MS = 5 * 60_000

function dayOf(ts: number): string {
  const d = new Date(ts)
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`
}

function noticeRow(notice: PresenceNotice): TimelineRow {
  return { kind: 'notice', key: `n:${notice.kind}:${notice.uid}:${notice.ts}`, notice }
}

export function timelineRows(messages: readonly MessageView[], options: RowOptions): TimelineRow[] {
  const rows: TimelineRow[] = [
    options.older ? { kind: 'older', key: 'older' } : { kind: 'start', key: 'start' },
  ]
  let prev: MessageView | null = null
  let prevDay = ''
  /** A day separator before the first row (message or notice) of each day. */
  const enterDay = (ts: number): boolean => {
    const day = dayOf(ts)
    if (day === prevDay) return false
    rows.push({ kind: 'day', key: `day:${day}`, ts })
    prevDay = day
    return true
  }
  const pushNotice = (notice: PresenceNotice): void => {
    enterDay(notice.ts)
    rows.push(noticeRow(notice))
  }
  let unreadShown = false
  /** A notice goes before the first message the device learnt of after it, or one still sending. */
  const before = (notice: PresenceNotice, message: MessageView): boolean =>
    message.seq === null || message.seq > notice.afterSeq
  // Notices from between messages above the window belong to pages not loaded.
  const first = messages[0]
  let n = 0
  while (
    options.older &&
    first?.seq != null &&
    n < options.notices.length &&
    options.notices[n]!.afterSeq < first.seq - 1
  )
    n++
  for (const message of messages) {
    while (n < options.notices.length && before(options.notices[n]!, message)) {
      pushNotice(options.notices[n++]!)
      prev = null
    }
    let grouped = prev !== null && prev.uid === message.uid && message.ts - prev.ts < GROUP_MS
    if (enterDay(message.ts)) grouped = false
    const unread =
      !unreadShown &&
      message.seq !== null &&
      message.seq > options.unreadAfter &&
      message.uid !== options.myUid &&
      options.unreadAfter > 0
    if (unread) {
      rows.push({ kind: 'unread', key: 'unread' })
      unreadShown = true
      grouped = false
    }
    rows.push({ kind: 'message', key: messageKey(message), message, grouped })
    prev = message
  }
  if (options.newer) rows.push({ kind: 'newer', key: 'newer' })
  else while (n < options.notices.length) pushNotice(options.notices[n++]!)
  return rows
}
