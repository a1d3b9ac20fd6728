// Who is signed in, and the sign-in flow: the remembered server, hosting a server on this
// computer, guest or token sign-in, and sign-out.
import { useLocalStorage } from '@vueuse/core'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type {
  AccountInfo,
  ConnectionState,
  HostedServer,
  ParleyErrorInfo,
  ServerCheck,
} from '../../shared/bridge'
import { errorInfo, useBridge } from '../bridge'

export type SessionPhase = 'starting' | 'signed-out' | 'signed-in'

export const useSessionStore = defineStore('session', () => {
  const bridge = useBridge()
  const account = ref<AccountInfo | null>(null)
  const started = ref(false)
  /** The sign-in screen was asked for while an account is still open (token refused, expired). */
  const signInRequested = ref(false)
  const serverUrl = useLocalStorage('parley.serverUrl', '')
  const hosted = ref<HostedServer | null>(null)
  const check = ref<ServerCheck | null>(null)
  const busy = ref(false)
  const error = ref<ParleyErrorInfo | null>(null)
  /** The server refused the token just signed in with (said on the sign-in screen). */
  const tokenRefused = ref(false)

  const phase = computed<SessionPhase>(() => {
    if (!started.value) return 'starting'
    return account.value && !signInRequested.value ? 'signed-in' : 'signed-out'
  })

  async function start(): Promise<void> {
    try {
      const [current, local] = await Promise.all([bridge.getAccount(), bridge.getLocalServer()])
      account.value = current
      hosted.value = local
      if (current) serverUrl.value = current.serverUrl
    } catch (e) {
      error.value = errorInfo(e)
    } finally {
      started.value = true
    }
  }

  /** Runs one step of the flow: one at a time, its failure shown on the sign-in screen. */
  async function step<T>(run: () => Promise<T>): Promise<T | null> {
    busy.value = true
    error.value = null
    tokenRefused.value = false
    try {
      return await run()
    } catch (e) {
      error.value = errorInfo(e)
      return null
    } finally {
      busy.value = false
    }
  }

  async function checkServer(url: string): Promise<ServerCheck | null> {
    const result = await step(() => bridge.checkServer(url.trim()))
    check.value = result
    if (result) serverUrl.value = result.serverUrl
    return result
  }

  async function hostHere(lan: boolean): Promise<HostedServer | null> {
    const result = await step(() => bridge.hostLocalServer({ lan }))
    if (!result) return null
    hosted.value = result
    serverUrl.value = result.serverUrl
    check.value = { serverUrl: result.serverUrl, guestLogin: true, insecure: false }
    return result
  }

  async function stopHosting(): Promise<void> {
    if (await step(() => bridge.stopLocalServer().then(() => true))) hosted.value = null
  }

  /**
   * The first state after connecting starts: the core only learns whether the server takes a
   * token when it connects. Events can still carry the previous account's states, so each one
   * only prompts a fresh read of the current state.
   */
  function firstOutcome(): Promise<ConnectionState> {
    return new Promise((resolve) => {
      let done = false
      const read = (): void => {
        void bridge.getConnectionState().then((state) => {
          if (done || state.status === 'connecting') return
          done = true
          off()
          resolve(state)
        })
      }
      const off = bridge.onConnectionState(read)
      read()
    })
  }

  /** A token refused on its first connection never opens the chat: it is closed again. */
  async function accepted(): Promise<boolean> {
    const state = await firstOutcome()
    if (state.status !== 'signed-out' || state.reason !== 'unauthorized') return true
    await bridge.signOut()
    account.value = null
    tokenRefused.value = true
    return false
  }

  async function signedIn(info: AccountInfo | null): Promise<boolean> {
    if (!info) return false
    busy.value = true
    try {
      if (!(await accepted())) return false
    } finally {
      busy.value = false
    }
    account.value = info
    serverUrl.value = info.serverUrl
    signInRequested.value = false
    return true
  }

  async function signInAsGuest(name: string): Promise<boolean> {
    const url = serverUrl.value
    return await signedIn(
      await step(() => bridge.signInAsGuest({ serverUrl: url, name: name.trim() })),
    )
  }

  async function signInWithToken(token: string): Promise<boolean> {
    const url = serverUrl.value
    return await signedIn(await step(() => bridge.signIn({ serverUrl: url, token: token.trim() })))
  }

  async function signOut(): Promise<void> {
    if (await step(() => bridge.signOut().then(() => true))) {
      account.value = null
      signInRequested.value = false
    }
  }

  /** Back to the sign-in screen without closing the account (its history stays readable). */
  function requestSignIn(): void {
    check.value = null
    error.value = null
    tokenRefused.value = false
    signInRequested.value = true
  }

  function cancelSignIn(): void {
    if (account.value) signInRequested.value = false
  }

  return {
    account,
    phase,
    serverUrl,
    hosted,
    check,
    busy,
    error,
    tokenRefused,
    start,
    checkServer,
    hostHere,
    stopHosting,
    signInAsGuest,
    signInWithToken,
    signOut,
    requestSignIn,
    cancelSignIn,
  }
})
