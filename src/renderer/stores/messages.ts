// The messages of the rooms on screen: a bounded window per room paged from the local copy,
// kept fresh on the core's coalesced `messages` events, plus sending, retry and discard.
import { defineStore } from 'pinia'
import { computed, markRaw, reactive, ref, shallowReactive, watch } from 'vue'
import type {
  HistoryPage,
  MessageView,
  MessagesChangedEvent,
  ParleyErrorInfo,
  PresenceNotice,
  Unsubscribe,
} from '../../shared/bridge'
import { errorInfo, useBridge } from '../bridge'
import {
  isStored,
  mergeMessages,
  messageKey,
  newestSeq,
  oldestSeq,
  trimWindow,
} from '../lib/message-window'
import { useRoomsStore } from './rooms'
import { useSessionStore } from './session'

/** Rows read when a room opens: more than a tall window shows. */
export const NEWEST_PAGE = 60
/** Rows read per step when scrolling back or forward. */
export const STEP_PAGE = 100
/** The largest page the core hands out (its PAGE_MAX_LIMIT). */
const MAX_PAGE = 200
/** Messages held per room; scrolling further drops the far end and reads it again on return. */
export const MAX_WINDOW = 1000
/** Rooms whose windows stay in memory for an instant switch back. */
const CACHED_ROOMS = 4
/** Join and leave notices kept per room (they are not stored by the core). */
const MAX_NOTICES = 50

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

function frozen(messages: MessageView[]): readonly MessageView[] {
  // Frozen rows are never made reactive: a window of a thousand messages costs no proxies.
  for (const m of messages) Object.freeze(m)
  return markRaw(messages)
}

export const useMessagesStore = defineStore('messages', () => {
  const bridge = useBridge()
  const rooms = useRoomsStore()
  const session = useSessionStore()
  const timelines = shallowReactive(new Map<string, Timeline>())
  const drafts = reactive<Record<string, string>>({})
  /** Who came and went while connected, per room, oldest first. */
  const notices = shallowReactive(new Map<string, readonly PresenceNotice[]>())
  const error = ref<ParleyErrorInfo | null>(null)
  /** The newest arrival from others in the open room, for the screen reader's live region. */
  const arrival = ref<{ roomId: string; count: number; name: string } | null>(null)
  const refreshing = new Map<string, { again: boolean }>()
  let offs: Unsubscribe[] = []

  const current = computed(() =>
    rooms.currentRoomId ? (timelines.get(rooms.currentRoomId) ?? null) : null,
  )

  let target: { roomId: string; seq: number } | null = null

  // Whatever changes the room on screen (a click, Alt+Up/Down, a join), its window follows.
  watch(
    () => rooms.currentRoomId,
    (roomId) => {
      if (!roomId) return
      const seq = target?.roomId === roomId ? target.seq : undefined
      target = null
      void open(roomId, seq)
    },
  )

  function start(): void {
    if (offs.length === 0) {
      offs = [bridge.onMessages(onMessages), bridge.onPresenceNotice(onNotice)]
    }
    const roomId = rooms.currentRoomId
    if (roomId && !timelines.has(roomId)) void open(roomId)
  }

  /** A search result, a notification click or a parley:// link: the room at that message. */
  async function openAt(roomId: string, seq?: number): Promise<void> {
    if (rooms.currentRoomId === roomId) return open(roomId, seq)
    target = seq === undefined ? null : { roomId, seq }
    await rooms.open(roomId)
  }

  function stop(): void {
    for (const off of offs) off()
    offs = []
    timelines.clear()
    notices.clear()
  }

  function onNotice(notice: PresenceNotice): void {
    const list = notices.get(notice.roomId) ?? []
    notices.set(notice.roomId, markRaw([...list, notice].slice(-MAX_NOTICES)))
  }

  function lastReadOf(roomId: string): number {
    return rooms.rooms.find((r) => r.roomId === roomId)?.lastReadSeq ?? 0
  }

  function remember(t: Timeline): void {
    timelines.delete(t.roomId)
    timelines.set(t.roomId, t)
    for (const key of timelines.keys()) {
      if (timelines.size <= CACHED_ROOMS) break
      if (key !== t.roomId) timelines.delete(key)
    }
  }

  function fresh(roomId: string): Timeline {
    return reactive({
      roomId,
      messages: frozen([]),
      loaded: false,
      hasOlder: false,
      hasNewer: false,
      hole: null,
      loadingOlder: false,
      loadingNewer: false,
      unreadAfter: lastReadOf(roomId),
      highlightSeq: null,
      generation: 0,
    }) as Timeline
  }

  function replace(
    t: Timeline,
    messages: MessageView[],
    page: HistoryPage,
    hole: Timeline['hole'],
  ) {
    t.messages = frozen(messages)
    t.hasOlder = page.more
    t.hole = page.complete ? null : hole
    t.loaded = true
    t.generation++
  }

  /** Opens a room at its newest messages, or around `seq` highlighted. */
  async function open(roomId: string, seq?: number): Promise<void> {
    error.value = null
    const cached = timelines.get(roomId)
    if (seq === undefined && cached && !cached.hasNewer) {
      cached.unreadAfter = lastReadOf(roomId)
      cached.highlightSeq = null
      cached.generation++
      remember(cached)
      return refreshNewest(cached)
    }
    const t = fresh(roomId)
    remember(t)
    try {
      if (seq === undefined) await loadNewest(t)
      else await loadAround(t, seq)
    } catch (e) {
      error.value = errorInfo(e)
    }
  }

  async function loadNewest(t: Timeline): Promise<void> {
    const page = await bridge.newestPage(t.roomId, NEWEST_PAGE)
    t.hasNewer = false
    t.highlightSeq = null
    replace(t, page.messages, page, 'newest')
  }

  async function loadAround(t: Timeline, seq: number): Promise<void> {
    const [older, newer] = await Promise.all([
      bridge.pageBefore(t.roomId, seq + 1, NEWEST_PAGE),
      bridge.pageBefore(t.roomId, seq + 1 + NEWEST_PAGE, NEWEST_PAGE),
    ])
    const latest = rooms.rooms.find((r) => r.roomId === t.roomId)?.latestSeq ?? 0
    t.highlightSeq = seq
    t.hasNewer = (newestSeq(newer.messages) ?? seq) < latest
    replace(t, mergeMessages(older.messages, newer.messages, 'current'), older, seq + 1)
    if (!t.hasNewer) await refreshNewest(t)
  }

  /** Brings the window's newest end up to date; runs once at a time per room, again if asked. */
  async function refreshNewest(t: Timeline): Promise<void> {
    const running = refreshing.get(t.roomId)
    if (running) {
      running.again = true
      return
    }
    const run = { again: true }
    refreshing.set(t.roomId, run)
    try {
      while (run.again) {
        run.again = false
        await pullNewest(t)
      }
    } catch (e) {
      error.value = errorInfo(e)
    } finally {
      refreshing.delete(t.roomId)
    }
  }

  async function pullNewest(t: Timeline): Promise<void> {
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
    const before = new Set(t.messages.map(messageKey))
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
    announce(t, before)
  }

  function announce(t: Timeline, before: Set<string>): void {
    const me = session.account?.uid
    const fresh = t.messages.filter(
      (m) => m.uid !== me && isStored(m) && !before.has(messageKey(m)),
    )
    const last = fresh[fresh.length - 1]
    if (last && before.size > 0)
      arrival.value = { roomId: t.roomId, count: fresh.length, name: last.name }
  }

  async function loadOlder(t: Timeline): Promise<void> {
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
    } catch (e) {
      error.value = errorInfo(e)
    } finally {
      t.loadingOlder = false
    }
  }

  async function loadNewer(t: Timeline): Promise<void> {
    const last = newestSeq(t.messages)
    if (t.loadingNewer || !t.hasNewer || last === null) return
    t.loadingNewer = true
    try {
      const newest = await bridge.newestPage(t.roomId, NEWEST_PAGE)
      const first = oldestSeq(newest.messages)
      const meets = first === null || first <= last + 1
      const page = meets
        ? newest
        : await bridge.pageBefore(t.roomId, last + 1 + STEP_PAGE, STEP_PAGE)
      const merged = mergeMessages(t.messages, page.messages, meets ? 'incoming' : 'current')
      const { messages, trimmed } = trimWindow(merged, MAX_WINDOW, 'oldest')
      t.messages = frozen(messages)
      if (trimmed) t.hasOlder = true
      if (meets) t.hasNewer = false
    } catch (e) {
      error.value = errorInfo(e)
    } finally {
      t.loadingNewer = false
    }
  }

  /** The jump-to-latest button: reads the newest page again when the window stops short of it. */
  async function jumpToLatest(t: Timeline): Promise<void> {
    t.highlightSeq = null
    if (!t.hasNewer) return
    try {
      await loadNewest(t)
    } catch (e) {
      error.value = errorInfo(e)
    }
  }

  async function refetchHole(t: Timeline, before: number): Promise<void> {
    try {
      const page = await bridge.pageBefore(t.roomId, before, STEP_PAGE)
      t.messages = frozen(mergeMessages(t.messages, page.messages, 'current'))
      if (page.complete && t.hole === before) t.hole = null
    } catch (e) {
      error.value = errorInfo(e)
    }
  }

  function onMessages(event: MessagesChangedEvent): void {
    const t = timelines.get(event.roomId)
    if (!t) return
    // A room in the cache but not on screen is read afresh when it is opened again.
    if (event.roomId !== rooms.currentRoomId) {
      timelines.delete(event.roomId)
      return
    }
    if (event.reason === 'reset') {
      void loadNewest(t).catch((e: unknown) => (error.value = errorInfo(e)))
    } else if (event.reason === 'history' && typeof t.hole === 'number') {
      void refetchHole(t, t.hole)
    } else if (!t.hasNewer) {
      void refreshNewest(t)
    }
  }

  /** Sends from the composer; resolves false (the draft kept) when the core refuses it. */
  async function send(roomId: string, text: string): Promise<boolean> {
    error.value = null
    try {
      const message = await bridge.send(roomId, text)
      const t = timelines.get(roomId)
      if (t?.hasNewer) await jumpToLatest(t)
      else if (t && !t.messages.some((m) => messageKey(m) === messageKey(message))) {
        t.messages = frozen([...t.messages, message])
      }
      return true
    } catch (e) {
      error.value = errorInfo(e)
      return false
    }
  }

  function patchOutbox(
    roomId: string,
    cid: string,
    change: (m: MessageView) => MessageView | null,
  ) {
    const t = timelines.get(roomId)
    if (!t) return
    const next: MessageView[] = []
    for (const m of t.messages) {
      const changed = !isStored(m) && m.cid === cid ? change(m) : m
      if (changed) next.push(changed)
    }
    t.messages = frozen(next)
  }

  async function retry(message: MessageView): Promise<void> {
    if (message.cid === null) return
    error.value = null
    patchOutbox(message.roomId, message.cid, (m) => ({ ...m, state: 'pending', failure: null }))
    try {
      await bridge.retry(message.cid)
    } catch (e) {
      error.value = errorInfo(e)
    }
  }

  async function discard(message: MessageView): Promise<void> {
    if (message.cid === null) return
    error.value = null
    patchOutbox(message.roomId, message.cid, () => null)
    try {
      await bridge.discard(message.cid)
    } catch (e) {
      error.value = errorInfo(e)
    }
  }

  return {
    timelines,
    current,
    drafts,
    notices,
    error,
    arrival,
    start,
    stop,
    open,
    openAt,
    loadOlder,
    loadNewer,
    jumpToLatest,
    send,
    retry,
    discard,
  }
})
