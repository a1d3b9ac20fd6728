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
    expect(banner).toMatchObject({
      key: 'banner.reconnecting',
      detail: { key: 'banner.nextTry', params: { s: 5 } },
      retry: true,
    })
    const due = bannerFor({ status: 'reconnecting', nextTryAt: now - 1, attempt: 3 }, false, now)
    expect(due?.detail?.key).toBe('banner.tryingNow')
  })

  it('keeps one sentence across an outage’s tries: only the detail changes', () => {
    const states = [
      { status: 'reconnecting', nextTryAt: now + 2000, attempt: 1 },
      { status: 'connecting', attempt: 2 },
      { status: 'reconnecting', nextTryAt: now + 4000, attempt: 2 },
      { status: 'connecting', attempt: 3 },
    ] as const
    const banners = states.map((s) => bannerFor(s, false, now, true)!)
    expect(new Set(banners.map((b) => `${b.kind} ${b.key} ${b.retry}`)).size).toBe(1)
    expect(banners.map((b) => b.detail?.key)).toEqual([
      'banner.nextTry',
      'banner.tryingNow',
      'banner.nextTry',
      'banner.tryingNow',
    ])
    // The very first connection of a sign-in is not a reconnect.
    expect(bannerFor({ status: 'connecting', attempt: 1 }, false, now)?.key).toBe(
      'banner.connecting',
    )
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
