// The joined rooms as the sidebar shows them (unread, presence, muted), the room on screen,
// and joining, leaving and muting.
import { useLocalStorage } from '@vueuse/core'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { ParleyErrorInfo, RoomView, Unsubscribe } from '../../shared/bridge'
import { errorInfo, useBridge } from '../bridge'

function byName(a: RoomView, b: RoomView): number {
  return a.roomId.localeCompare(b.roomId)
}

function sameRoom(a: RoomView, b: RoomView): boolean {
  return (
    a.muted === b.muted &&
    a.lastReadSeq === b.lastReadSeq &&
    a.unread === b.unread &&
    a.latestSeq === b.latestSeq &&
    a.presence?.num === b.presence?.num &&
    a.presence?.users === b.presence?.users
  )
}

export const useRoomsStore = defineStore('rooms', () => {
  const bridge = useBridge()
  const rooms = ref<RoomView[]>([])
  const unreadTotal = ref(0)
  const currentRoomId = useLocalStorage<string | null>('parley.room', null)
  const error = ref<ParleyErrorInfo | null>(null)
  /** Rooms the server refused this account (its token's `rooms` claim): shown, not usable. */
  const forbidden = ref<ReadonlySet<string>>(new Set())
  let offs: Unsubscribe[] = []

  const current = computed(() => rooms.value.find((r) => r.roomId === currentRoomId.value) ?? null)

  function setRooms(list: RoomView[]): void {
    // The core sends the whole list on every change: rooms that did not change keep their
    // object, so only their own sidebar rows re-render.
    const before = new Map(rooms.value.map((r) => [r.roomId, r]))
    rooms.value = list
      .map((r) => {
        const old = before.get(r.roomId)
        return old && sameRoom(old, r) ? old : r
      })
      .sort(byName)
    if (currentRoomId.value && !current.value) currentRoomId.value = null
  }

  async function start(): Promise<void> {
    if (offs.length === 0) {
      offs = [
        bridge.onRooms(setRooms),
        bridge.onUnreadTotal((total) => {
          unreadTotal.value = total
        }),
        bridge.onProblem((problem) => {
          if (problem.kind === 'room-forbidden')
            forbidden.value = new Set([...forbidden.value, problem.roomId])
        }),
      ]
    }
    try {
      const [list, total] = await Promise.all([bridge.listRooms(), bridge.getUnreadTotal()])
      setRooms(list)
      unreadTotal.value = total
      if (!currentRoomId.value && rooms.value[0]) await open(rooms.value[0].roomId)
      else await bridge.setFocusedRoom(currentRoomId.value)
    } catch (e) {
      error.value = errorInfo(e)
    }
  }

  function stop(): void {
    for (const off of offs) off()
    offs = []
    rooms.value = []
    unreadTotal.value = 0
    forbidden.value = new Set()
  }

  async function open(roomId: string | null): Promise<void> {
    currentRoomId.value = roomId
    await bridge.setFocusedRoom(roomId)
  }

  /** Alt+Up / Alt+Down: the room above or below the current one, wrapping around. */
  async function step(delta: 1 | -1): Promise<void> {
    const list = rooms.value
    if (list.length === 0) return
    const at = list.findIndex((r) => r.roomId === currentRoomId.value)
    const next = list[(at + delta + list.length) % list.length]
    if (next) await open(next.roomId)
  }

  async function join(roomId: string, nickname?: string): Promise<boolean> {
    error.value = null
    try {
      const room = await bridge.joinRoom(roomId.trim(), nickname?.trim() || undefined)
      setRooms([...rooms.value.filter((r) => r.roomId !== room.roomId), room])
      await open(room.roomId)
      return true
    } catch (e) {
      error.value = errorInfo(e)
      return false
    }
  }

  async function forget(roomId: string): Promise<void> {
    error.value = null
    try {
      const at = rooms.value.findIndex((r) => r.roomId === roomId)
      await bridge.forgetRoom(roomId)
      forbidden.value = new Set([...forbidden.value].filter((id) => id !== roomId))
      setRooms(rooms.value.filter((r) => r.roomId !== roomId))
      if (currentRoomId.value === null || currentRoomId.value === roomId) {
        const next = rooms.value[Math.min(at, rooms.value.length - 1)]
        await open(next?.roomId ?? null)
      }
    } catch (e) {
      error.value = errorInfo(e)
    }
  }

  async function setMuted(roomId: string, muted: boolean): Promise<void> {
    error.value = null
    try {
      await bridge.setMuted(roomId, muted)
      rooms.value = rooms.value.map((r) => (r.roomId === roomId ? { ...r, muted } : r))
    } catch (e) {
      error.value = errorInfo(e)
    }
  }

  /** Marks read up to seq; the core never moves the mark back, nor does this. */
  async function markRead(roomId: string, seq: number): Promise<void> {
    const room = rooms.value.find((r) => r.roomId === roomId)
    if (!room || seq <= room.lastReadSeq) return
    rooms.value = rooms.value.map((r) =>
      r.roomId === roomId
        ? { ...r, lastReadSeq: seq, unread: Math.min(r.unread, Math.max(0, r.latestSeq - seq)) }
        : r,
    )
    try {
      await bridge.markRead(roomId, seq)
    } catch (e) {
      error.value = errorInfo(e)
    }
  }

  return {
    rooms,
    unreadTotal,
    currentRoomId,
    current,
    error,
    forbidden,
    start,
    stop,
    open,
    step,
    join,
    forget,
    setMuted,
    markRead,
  }
})
