// Searching the local copy: the query, its scope (every room or the one on screen), the hits,
// and opening a hit's room at its message.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ParleyErrorInfo, SearchHit } from '../../shared/bridge'
import { errorInfo, useBridge } from '../bridge'
import { useMessagesStore } from './messages'
import { useRoomsStore } from './rooms'

export type SearchScope = 'all' | 'room'

export const useSearchStore = defineStore('search', () => {
  const bridge = useBridge()
  const rooms = useRoomsStore()
  const messages = useMessagesStore()
  const open = ref(false)
  const query = ref('')
  const scope = ref<SearchScope>('all')
  const hits = ref<SearchHit[]>([])
  const searched = ref('')
  const busy = ref(false)
  const error = ref<ParleyErrorInfo | null>(null)
  let latest = 0

  async function run(): Promise<void> {
    const text = query.value.trim()
    const ticket = ++latest
    if (!text) {
      hits.value = []
      searched.value = ''
      return
    }
    busy.value = true
    error.value = null
    try {
      const roomId = scope.value === 'room' ? rooms.currentRoomId : null
      const found = await bridge.search(text, roomId ? { roomId, limit: 50 } : { limit: 50 })
      // Answers to older keystrokes arriving late must not replace newer ones.
      if (ticket !== latest) return
      hits.value = found
      searched.value = text
    } catch (e) {
      if (ticket === latest) error.value = errorInfo(e)
    } finally {
      if (ticket === latest) busy.value = false
    }
  }

  function show(inRoom: boolean): void {
    scope.value = inRoom && rooms.currentRoomId ? 'room' : 'all'
    open.value = true
  }

  async function openAt(roomId: string, seq: number): Promise<void> {
    open.value = false
    await messages.openAt(roomId, seq)
  }

  return { open, query, scope, hits, searched, busy, error, run, show, openAt }
})
