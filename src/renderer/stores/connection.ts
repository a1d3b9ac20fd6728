// The link to the server as the banner shows it, and the problems the core reports outside
// any call (database, forbidden room, lost history, expired token) until the user dismisses them.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { ConnectionState, ParleyProblem, Unsubscribe } from '../../shared/bridge'
import { useBridge } from '../bridge'

export interface ShownProblem {
  id: number
  problem: ParleyProblem
}

export const useConnectionStore = defineStore('connection', () => {
  const bridge = useBridge()
  const state = ref<ConnectionState>({ status: 'connecting', attempt: 0 })
  const problems = ref<ShownProblem[]>([])
  /** The token ran out on an open connection: the banner asks for a fresh sign-in. */
  const tokenExpired = ref(false)
  /** The link was open before and is being re-made: each new try is a reconnect, not a start. */
  const lost = ref(false)
  /** Online counts and the like are live only while this holds; else they are the last known. */
  const connected = computed(() => state.value.status === 'open')
  let nextId = 1
  let offs: Unsubscribe[] = []

  function onState(next: ConnectionState): void {
    const was = state.value.status
    state.value = next
    if (next.status === 'open') tokenExpired.value = false
    if (next.status === 'open' || next.status === 'signed-out') lost.value = false
    else if (next.status !== 'connecting' || was === 'open') lost.value = true
  }

  function onProblem(problem: ParleyProblem): void {
    if (problem.kind === 'token-expired') {
      tokenExpired.value = true
      return
    }
    problems.value = [...problems.value, { id: nextId++, problem }]
  }

  async function start(): Promise<void> {
    if (offs.length === 0) offs = [bridge.onConnectionState(onState), bridge.onProblem(onProblem)]
    onState(await bridge.getConnectionState())
  }

  /** "Retry now": connects at once instead of waiting out the backoff or the network. */
  async function reconnectNow(): Promise<void> {
    await bridge.reconnectNow()
  }

  function dismiss(id: number): void {
    problems.value = problems.value.filter((p) => p.id !== id)
  }

  function stop(): void {
    for (const off of offs) off()
    offs = []
  }

  return { state, lost, connected, problems, tokenExpired, start, stop, reconnectNow, dismiss }
})
