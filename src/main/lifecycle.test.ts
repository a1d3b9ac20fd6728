// Closing, starting hidden, and starting at login on each OS.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BASE_DEFAULTS } from './desktop/settings-store'
import { makeTempDir } from './core/testing/temp-dir'
import { closeAction, loginItemSettings, platformOf, startsHidden } from './lifecycle'
import { applyAutostart, autostartEntry } from './linux-autostart'

describe('closing the window', () => {
  const base = {
    quitting: false,
    closeToTray: true,
    trayAvailable: true,
    platform: 'linux' as const,
  }

  it('hides to the tray when asked to, and quits when Quit was chosen', () => {
    expect(closeAction(base)).toBe('hide')
    expect(closeAction({ ...base, quitting: true })).toBe('quit')
    expect(closeAction({ ...base, closeToTray: false })).toBe('quit')
  })

  it('quits rather than hide a window no tray icon could bring back', () => {
    expect(closeAction({ ...base, trayAvailable: false })).toBe('quit')
    expect(closeAction({ ...base, trayAvailable: false, platform: 'darwin' })).toBe('hide')
  })
})

describe('starting hidden', () => {
  const settings = { ...BASE_DEFAULTS, startAtLogin: true, startHidden: true }

  it('stays in the tray when started at login with the setting on', () => {
    const o = { argv: ['parley', '--hidden'], openedAtLogin: false, settings, trayAvailable: true }
    expect(startsHidden(o)).toBe(true)
    expect(startsHidden({ ...o, argv: ['parley'], openedAtLogin: true })).toBe(true)
    expect(startsHidden({ ...o, argv: ['parley'] })).toBe(false) // started by hand
    expect(startsHidden({ ...o, settings: { ...settings, startHidden: false } })).toBe(false)
    expect(startsHidden({ ...o, trayAvailable: false })).toBe(false)
  })

  it('asks the OS for a login item that says so', () => {
    expect(loginItemSettings(settings, 'win32')).toEqual({ openAtLogin: true, args: ['--hidden'] })
    expect(loginItemSettings(settings, 'darwin')).toEqual({ openAtLogin: true })
    expect(loginItemSettings(BASE_DEFAULTS, 'win32')).toEqual({ openAtLogin: false, args: [] })
  })
})

describe('platform', () => {
  it('names the three desktop OSes and nothing else', () => {
    expect(['darwin', 'win32', 'linux', 'freebsd'].map(platformOf)).toEqual([
      'darwin',
      'win32',
      'linux',
      'other',
    ])
  })
})

describe('Linux autostart', () => {
  it('writes and removes an XDG autostart entry', () => {
    const dir = makeTempDir('parley-autostart-')
    try {
      const file = join(dir.path, 'autostart', 'parley.desktop')
      applyAutostart({
        configHome: dir.path,
        execPath: '/opt/Parley/parley',
        enabled: true,
        hidden: true,
      })
      expect(readFileSync(file, 'utf8')).toContain('Exec="/opt/Parley/parley" --hidden')
      applyAutostart({
        configHome: dir.path,
        execPath: '/opt/Parley/parley',
        enabled: false,
        hidden: true,
      })
      expect(existsSync(file)).toBe(false)
    } finally {
      dir.remove()
    }
  })

  it('quotes the path as the Desktop Entry spec asks', () => {
    expect(autostartEntry('/home/a b/Parley "x".AppImage', false)).toContain(
      'Exec="/home/a b/Parley \\"x\\".AppImage"\n',
    )
  })
})
