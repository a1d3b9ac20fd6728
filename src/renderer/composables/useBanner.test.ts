import { describe, expect, it } from 'vitest'
import { bannerFor } from './useBanner'

describe('bannerFor', () => {
  const now = 1_000_000

  it('says nothing while the connection is open', () => {
    expect(bannerFor({ status: 'open' }, false, now)).toBeNull()
  })

  it('counts down to the next try and offers to retry now', () => {
    const banner = bannerFor(
      { status: 'reconnecting', nextTryAt: now + 4200, attempt: 3 },
      false,
      now,
    )
    expect(banner).toMatchObject({ key: 'banner.reconnecting', params: { s: 5 }, retry: true })
    const due = bannerFor({ status: 'reconnecting', nextTryAt: now - 1, attempt: 3 }, false, now)
    expect(due?.key).toBe('banner.reconnectingNow')
  })

  it('reassures while offline, and asks for a sign-in when signed out or expired', () => {
    expect(bannerFor({ status: 'offline' }, false, now)?.key).toBe('banner.offline')
    expect(bannerFor({ status: 'signed-out', reason: 'unauthorized' }, false, now)).toMatchObject({
      key: 'banner.unauthorized',
      signIn: true,
    })
    expect(bannerFor({ status: 'signed-out', reason: 'database' }, false, now)).toMatchObject({
      key: 'banner.database',
      signIn: false,
    })
    expect(bannerFor({ status: 'open' }, true, now)).toMatchObject({
      key: 'banner.tokenExpired',
      signIn: true,
    })
  })
})
