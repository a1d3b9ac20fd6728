// A room's window of messages and the reads that move it: the newest page, a page around a
// message, older and newer pages as the list scrolls, and catching up with new arrivals. Each
// read changes the Timeline it is given; failures reject for the store to report.
import { markRaw, reactive } from 'vue'
import type { HistoryPage, MessageView, ParleyApi } from '../../shared/bridge'
import { mergeMessages, newestSeq, oldestSeq, trimWindow } from './message-window'

/** Rows read when a room opens: more than a tall window shows. */
export const NEWEST_PAGE = 60
/** Rows read per step when scrolling back or forward. */
export const STEP_PAGE = 100
/** The largest page the core hands out (its PAGE_MAX_LIMIT). */
const MAX_PAGE = 200
/** Messages held per room; scrolling further drops the far end and reads it again on return. */
export const MAX_WINDOW = 1000

export interface Timeline {
  roomId: string
  messages: readonly MessageView[]
  loaded: boolean
  hasOlder: boolean
  /** The window stops short of the room's newest messages (scrolled far back, or a jump). */
  hasNewer: boolean
  /** A page read with a hole the core is filling: 'newest', or the `before` it was read with. */
  hole: 'newest' | number | null
  loadingOlder: boolean
  loadingNewer: boolean
  /** The read mark when the room was opened: the "new messages" line goes after it. */
  unreadAfter: number
  /** The message to show highlighted (a search result, a notification). */
  highlightSeq: number | null
  /** Bumped whenever the window is replaced, so the list re-anchors. */
  generation: number
}

type Reader = Pick<ParleyApi, 'newestPage' | 'pageBefore'>

export function frozen(messages: MessageView[]): readonly MessageView[] {
  // Frozen rows are never made reactive: a window of a thousand messages costs no proxies.
  for (const m of messages) Object.freeze(m)
  return markRaw(messages)
}

export function newTimeline(roomId: string, lastReadSeq: number): Timeline {
  return reactive({
    roomId,
    messages: frozen([]),
    loaded: false,
    hasOlder: false,
    hasNewer: false,
    hole: null,
    loadingOlder: false,
    loadingNewer: false,
    unreadAfter: lastReadSeq,
    highlightSeq: null,
    generation: 0,
  }) as Timeline
}

function replace(t: Timeline, messages: MessageView[], page: HistoryPage, hole: Timeline['hole']) {
  t.messages = frozen(messages)
  t.hasOlder = page.more
  t.hole = page.complete ? null : hole
  t.loaded = true
  t.generation++
}

export async function readNewest(bridge: Reader, t: Timeline): Promise<void> {
  const page = await bridge.newestPage(t.roomId, NEWEST_PAGE)
  t.hasNewer = false
  t.highlightSeq = null
  replace(t, page.messages, page, 'newest')
}

/** The pages either side of `seq`, highlighted; latestSeq says whether newer ones remain. */
export async function readAround(
  bridge: Reader,
  t: Timeline,
  seq: number,
  latestSeq: number,
): Promise<void> {
  const [older, newer] = await Promise.all([
    bridge.pageBefore(t.roomId, seq + 1, NEWEST_PAGE),
    bridge.pageBefore(t.roomId, seq + 1 + NEWEST_PAGE, NEWEST_PAGE),
  ])
  t.highlightSeq = seq
  t.hasNewer = (newestSeq(newer.messages) ?? seq) < latestSeq
  replace(t, mergeMessages(older.messages, newer.messages, 'current'), older, seq + 1)
}

/** Brings the window's newest end up to date with what the core holds. */
export async function pullNewest(bridge: Reader, t: Timeline): Promise<void> {
  const page = await bridge.newestPage(t.roomId, NEWEST_PAGE)
  const have = newestSeq(t.messages)
  let incoming = page.messages
  let from = oldestSeq(incoming)
  let more = page.more
  // A burst larger than a page: one more read when the rest fits in it. A larger one replaces
  // the window with the newest messages (what a reader at the end sees) and scrolling up
  // reads the rest, so a burst costs one read however large it is.
  if (have !== null && from !== null && from > have + 1 && from - have - 1 <= MAX_PAGE && more) {
    const gap = await bridge.pageBefore(t.roomId, from, from - have - 1)
    const gapFrom = oldestSeq(gap.messages)
    if (gapFrom !== null) {
      incoming = [...gap.messages, ...incoming]
      from = gapFrom
      more = gap.more
    }
  }
  const meets = have === null || from === null || from <= have + 1 || !more
  if (meets) {
    const merged = mergeMessages(t.messages, incoming, 'incoming')
    const { messages, trimmed } = trimWindow(merged, MAX_WINDOW, 'oldest')
    t.messages = frozen(messages)
    if (trimmed) t.hasOlder = true
  } else {
    t.messages = frozen(incoming.slice(-MAX_WINDOW))
    t.hasOlder = true
  }
  t.loaded = true
  if (!page.complete) t.hole = 'newest'
  else if (t.hole === 'newest') t.hole = null
}

export async function readOlder(bridge: Reader, t: Timeline): Promise<void> {
  const before = oldestSeq(t.messages)
  if (t.loadingOlder || !t.hasOlder || before === null) return
  t.loadingOlder = true
  try {
    const page = await bridge.pageBefore(t.roomId, before, STEP_PAGE)
    const merged = mergeMessages(t.messages, page.messages, 'current')
    const { messages, trimmed } = trimWindow(merged, MAX_WINDOW, 'newest')
    t.messages = frozen(messages)
    t.hasOlder = page.more
    if (trimmed) t.hasNewer = true
    if (!page.complete) t.hole = before
  } finally {
    t.loadingOlder = false
  }
}

export async function readNewer(bridge: Reader, t: Timeline): Promise<void> {
  const last = newestSeq(t.messages)
  if (t.loadingNewer || !t.hasNewer || last === null) return
  t.loadingNewer = true
  try {
    const newest = await bridge.newestPage(t.roomId, NEWEST_PAGE)
    const first = oldestSeq(newest.messages)
    const meets = first === null || first <= last + 1
    const page = meets ? newest : await bridge.pageBefore(t.roomId, last + 1 + STEP_PAGE, STEP_PAGE)
    const merged = mergeMessages(t.messages, page.messages, meets ? 'incoming' : 'current')
    const { messages, trimmed } = trimWindow(merged, MAX_WINDOW, 'oldest')
    t.messages = frozen(messages)
    if (trimmed) t.hasOlder = true
    if (meets) t.hasNewer = false
  } finally {
    t.loadingNewer = false
  }
}

/** A page read with a hole, read again once the core says the hole is filled. */
export async function rereadHole(bridge: Reader, t: Timeline, before: number): Promise<void> {
  const page = await bridge.pageBefore(t.roomId, before, STEP_PAGE)
  t.messages = frozen(mergeMessages(t.messages, page.messages, 'current'))
  if (page.complete && t.hole === before) t.hole = null
}
