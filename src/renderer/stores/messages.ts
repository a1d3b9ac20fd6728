// The messages of the rooms on screen: a bounded window per room paged from the local copy,
// kept fresh on the core's coalesced `messages` events, plus sending, retry and discard.
import { defineStore } from 'pinia'
import { computed, markRaw, reactive, ref, shallowReactive, watch } from 'vue'
import type {
  MessageView,
  MessagesChangedEvent,
  ParleyErrorInfo,
  PresenceNotice,
  Unsubscribe,
} from '../../shared/bridge'
import { errorInfo, useBridge } from '../bridge'
import { isStored, messageKey } from '../lib/message-window'
import {
  frozen,
  newTimeline,
  pullNewest,
  readAround,
  readNewer,
  readNewest,
  readOlder,
  rereadHole,
  type Timeline,
} from '../lib/timeline-reads'
import { useRoomsStore } from './rooms'
import { useSessionStore } from './session'

/** Rooms whose windows stay in memory for an instant switch back. */
const CACHED_ROOMS = 4
/** Join and leave notices kept per room (they are not stored by the core). */
const MAX_NOTICES = 50

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
    const t = newTimeline(roomId, lastReadOf(roomId))
    remember(t)
    try {
      if (seq === undefined) await readNewest(bridge, t)
      else {
        const latest = rooms.rooms.find((r) => r.roomId === roomId)?.latestSeq ?? 0
        await readAround(bridge, t, seq, latest)
        if (!t.hasNewer) await refreshNewest(t)
      }
    } catch (e) {
      error.value = errorInfo(e)
    }
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
        await pullAndAnnounce(t)
      }
    } catch (e) {
      error.value = errorInfo(e)
    } finally {
      refreshing.delete(t.roomId)
    }
  }

  async function pullAndAnnounce(t: Timeline): Promise<void> {
    const before = new Set(t.messages.map(messageKey))
    await pullNewest(bridge, t)
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

  /** Runs a read, its failure shown as the room's error. */
  async function attempt(read: Promise<void>): Promise<void> {
    try {
      await read
    } catch (e) {
      error.value = errorInfo(e)
    }
  }

  const loadOlder = (t: Timeline) => attempt(readOlder(bridge, t))
  const loadNewer = (t: Timeline) => attempt(readNewer(bridge, t))

  /** The jump-to-latest button: reads the newest page again when the window stops short of it. */
  async function jumpToLatest(t: Timeline): Promise<void> {
    t.highlightSeq = null
    if (t.hasNewer) await attempt(readNewest(bridge, t))
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
      void attempt(readNewest(bridge, t))
    } else if (event.reason === 'history' && typeof t.hole === 'number') {
      void attempt(rereadHole(bridge, t, t.hole))
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

  /** Bumped to ask the composer for focus (a failed message was put back to edit). */
  const composerFocus = ref(0)

  /** A message the server will never take as it is: its text back in the composer, the row gone. */
  async function edit(message: MessageView): Promise<void> {
    const draft = drafts[message.roomId]?.trim()
    drafts[message.roomId] = draft ? `${message.text}\n${draft}` : message.text
    composerFocus.value++
    await discard(message)
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
    edit,
    composerFocus,
  }
})
