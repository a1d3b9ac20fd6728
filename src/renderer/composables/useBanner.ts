// What the connection banner says: nothing while open, else the state in words, and whether a
// sign-in button belongs there. While reconnecting the sentence stays the same across tries;
// only a short detail (the seconds to the next try, or "trying now") changes.
import { useNow } from '@vueuse/core'
import { computed, type Ref } from 'vue'
import type { ConnectionState } from '../../shared/bridge'

export type BannerKind = 'info' | 'warning' | 'danger'

export interface Banner {
  kind: BannerKind
  /** An i18n key. */
  key: string
  /** The part that changes while the sentence stays: an i18n key and its parameters. */
  detail: { key: string; params: Record<string, number> } | null
  signIn: boolean
  /** The core can connect at once ("retry now"). */
  retry: boolean
}

/**
 * `lost`: the link was open, or has been reconnecting, since the last sign-in; a 'connecting'
 * state then is one more try, not a first connection.
 */
export function bannerFor(
  state: ConnectionState,
  tokenExpired: boolean,
  now: number,
  lost = false,
): Banner | null {
  const banner = (kind: BannerKind, key: string, more: Partial<Banner> = {}): Banner => ({
    kind,
    key,
    detail: null,
    signIn: false,
    retry: false,
    ...more,
  })
  if (tokenExpired) return banner('danger', 'banner.tokenExpired', { signIn: true })
  switch (state.status) {
    case 'open':
      return null
    case 'connecting':
      return lost || state.attempt > 1
        ? banner('warning', 'banner.reconnecting', {
            detail: { key: 'banner.tryingNow', params: {} },
            // Kept (a no-op while trying) so the banner does not change shape between tries.
            retry: true,
          })
        : banner('info', 'banner.connecting')
    case 'reconnecting': {
      const s = Math.ceil((state.nextTryAt - now) / 1000)
      return banner('warning', 'banner.reconnecting', {
        detail:
          s > 0
            ? { key: 'banner.nextTry', params: { s } }
            : { key: 'banner.tryingNow', params: {} },
        retry: true,
      })
    }
    case 'offline':
      return banner('warning', 'banner.offline', { retry: true })
    case 'signed-out': {
      const key =
        state.reason === 'unauthorized'
          ? 'banner.unauthorized'
          : state.reason === 'database'
            ? 'banner.database'
            : 'banner.notSignedIn'
      return banner('danger', key, { signIn: state.reason !== 'database' })
    }
  }
}

export function useBanner(
  state: Ref<ConnectionState>,
  tokenExpired: Ref<boolean>,
  lost: Ref<boolean>,
) {
  const now = useNow({ interval: 500 })
  return computed(() => bannerFor(state.value, tokenExpired.value, now.value.getTime(), lost.value))
}
