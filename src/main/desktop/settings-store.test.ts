// The settings file: defaults, persistence, strict patches, and a damaged file costing only
// what was damaged.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeTempDir, type TempDir } from '../core/testing/temp-dir'
import { BASE_DEFAULTS, createSettingsStore, SETTINGS_FILE } from './settings-store'

let dir: TempDir
let warnings: string[]
const open = () => createSettingsStore({ dataDir: dir.path, warn: (m) => warnings.push(m) })

beforeEach(() => {
  dir = makeTempDir('parley-settings-')
  warnings = []
})
afterEach(() => dir.remove())

describe('settings store', () => {
  it('starts from the defaults and keeps an update across a restart', () => {
    expect(open().get()).toEqual(BASE_DEFAULTS)
    const updated = open().update({ zoom: 1.2, theme: 'dark', spellcheckLanguages: ['en-US'] })
    expect(updated).toMatchObject({ zoom: 1.2, theme: 'dark', closeToTray: true })
    expect(open().get()).toEqual(updated)
    expect(warnings).toEqual([])
  })

  it('snaps zoom to its steps so the file never holds 1.2000000000000002', () => {
    expect(open().update({ zoom: 1.1 + 0.1 }).zoom).toBe(1.2)
    expect(open().update({ zoom: 0.74 }).zoom).toBe(0.7)
  })

  it('refuses an unknown field or a bad value with a message naming it, and keeps the rest', () => {
    const store = open()
    store.update({ notifications: false })
    expect(() => store.update({ zoom: 7 })).toThrow(/zoom/)
    expect(() => store.update({ theme: 'neon' })).toThrow(/theme/)
    expect(() => store.update({ nodeIntegration: true })).toThrow(/nodeIntegration/)
    expect(() => store.update({ spellcheckLanguages: ['<script>'] })).toThrow(/spellcheckLanguages/)
    expect(() => store.update('zoom')).toThrow(/Settings/)
    expect(open().get()).toEqual({ ...BASE_DEFAULTS, notifications: false })
  })

  it('reads an unreadable file as the defaults, warns, and keeps the file aside', () => {
    writeFileSync(join(dir.path, SETTINGS_FILE), '{"zoom": 1.5,')
    expect(open().get()).toEqual(BASE_DEFAULTS)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/unreadable/)
    const aside = readdirSync(dir.path).find((f) => f.startsWith(`${SETTINGS_FILE}.corrupt-`))
    expect(readFileSync(join(dir.path, aside!), 'utf8')).toBe('{"zoom": 1.5,')
    expect(existsSync(join(dir.path, SETTINGS_FILE))).toBe(false)
  })

  it('keeps the good fields of a file with one bad one', () => {
    writeFileSync(
      join(dir.path, SETTINGS_FILE),
      JSON.stringify({ ...BASE_DEFAULTS, zoom: 'huge', theme: 'dark', startAtLogin: true }),
    )
    expect(open().get()).toEqual({ ...BASE_DEFAULTS, theme: 'dark', startAtLogin: true })
  })

  it('uses the defaults it is given for fields the file lacks', () => {
    writeFileSync(join(dir.path, SETTINGS_FILE), JSON.stringify({ theme: 'light' }))
    const store = createSettingsStore({
      dataDir: dir.path,
      defaults: { ...BASE_DEFAULTS, spellcheckLanguages: ['de-DE'] },
      warn: (m) => warnings.push(m),
    })
    expect(store.get()).toMatchObject({ theme: 'light', spellcheckLanguages: ['de-DE'] })
  })
})
