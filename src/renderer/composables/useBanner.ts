// What the connection banner says: nothing while open, else the state in words, the seconds
// until the next try, and whether a sign-in button belongs there.
import { useNow } from '@vueuse/core'
import { computed, type Ref } from 'vue'
import type { ConnectionState } from '../../shared/bridge'

export type BannerKind = 'info' | 'warning' | 'danger'

export interface Banner {
  kind: BannerKind
  /** An i18n key and its parameters. */
  key: string
  params: Record<string, number>
  signIn: boolean
  /** The core can connect at once ("retry now"). */
  retry: boolean
}

export function bannerFor(
  state: ConnectionState,
  tokenExpired: boolean,
  now: number,
): Banner | null {
  if (tokenExpired)
    return { kind: 'danger', key: 'banner.tokenExpired', params: {}, signIn: true, retry: false }
  switch (state.status) {
    case 'open':
      return null
    case 'connecting':
      return { kind: 'info', key: 'banner.connecting', params: {}, signIn: false, retry: false }
    case 'reconnecting': {
      const s = Math.ceil((state.nextTryAt - now) / 1000)
      return s > 0
        ? { kind: 'warning', key: 'banner.reconnecting', params: { s }, signIn: false, retry: true }
        : { kind: 'warning', key: 'banner.reconnectingNow', params: {}, signIn: false, retry: true }
    }
    case 'offline':
      return { kind: 'warning', key: 'banner.offline', params: {}, signIn: false, retry: true }
    case 'signed-out': {
      const key =
        state.reason === 'unauthorized'
          ? 'banner.unauthorized'
          : state.reason === 'database'
            ? 'banner.database'
            : 'banner.notSignedIn'
      return { kind: 'danger', key, params: {}, signIn: state.reason !== 'database', retry: false }
    }
  }
}

export function useBanner(state: Ref<ConnectionState>, tokenExpired: Ref<boolean>) {
  const now = useNow({ interval: 500 })
  return computed(() => bannerFor(state.value, tokenExpired.value, now.value.getTime()))
}
