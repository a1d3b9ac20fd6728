// The unread total as the tray and the taskbar or dock show it on each OS.
import { describe, expect, it } from 'vitest'
import { trayIconFor, unreadIndicator } from './unread-indicator'

describe('unread indicator', () => {
  it('picks the plain icon at 0, a digit up to 9 and 9+ above', () => {
    expect(trayIconFor(0)).toBe('tray')
    expect(trayIconFor(1)).toBe('tray-1')
    expect(trayIconFor(9)).toBe('tray-9')
    expect(trayIconFor(10)).toBe('tray-9plus')
    expect(trayIconFor(12_345)).toBe('tray-9plus')
  })

  it('says how many are unread in the tooltip', () => {
    expect(unreadIndicator(0, 'linux').tooltip).toBe('Parley')
    expect(unreadIndicator(3, 'linux').tooltip).toBe('Parley: 3 unread')
  })

  it('counts on the macOS dock and Linux launcher, and clears at 0', () => {
    for (const platform of ['darwin', 'linux'] as const) {
      expect(unreadIndicator(4, platform).badge).toEqual({ method: 'count', count: 4 })
      expect(unreadIndicator(0, platform).badge).toEqual({ method: 'count', count: 0 })
    }
  })

  it('uses the overlay icon alone on Windows, and removes it at 0', () => {
    expect(unreadIndicator(12, 'win32').badge).toEqual({
      method: 'overlay',
      icon: 'tray-9plus',
      description: '12 unread',
    })
    expect(unreadIndicator(0, 'win32').badge).toEqual({
      method: 'overlay',
      icon: null,
      description: '',
    })
  })

  it('shows nothing odd for a count that is not a count', () => {
    expect(unreadIndicator(-2, 'darwin')).toMatchObject({ count: 0, trayIcon: 'tray' })
    expect(unreadIndicator(Number.NaN, 'linux')).toMatchObject({ count: 0, trayIcon: 'tray' })
    expect(unreadIndicator(5, 'other').badge).toEqual({ method: 'none' })
  })
})
