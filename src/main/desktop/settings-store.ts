// The app's settings (bridge.ts DesktopSettings): one JSON file in the data directory, read
// field by field so one bad value costs only that value, and updated from patches the
// renderer sends, which are validated strictly.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import {
  ZOOM_MAX,
  ZOOM_MIN,
  ZOOM_STEP,
  type DesktopSettings,
  type ThemeSetting,
  type LanguageSetting,
} from '../../shared/bridge'
import { parseInput } from './input'

export const SETTINGS_FILE = 'settings.json'

/** Spell-check languages a user picks from a short list; more is a renderer gone wrong. */
const MAX_SPELLCHECK_LANGUAGES = 8

export const BASE_DEFAULTS: DesktopSettings = {
  startAtLogin: false,
  startHidden: false,
  closeToTray: true,
  notifications: true,
  zoom: 1,
  spellcheckLanguages: [],
  theme: 'system',
  language: 'system',
}

/** The nearest allowed zoom step; floating point would otherwise store 1.2000000000000002. */
export function snapZoom(value: number): number {
  const clamped = Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, value))
  return Number((Math.round(clamped / ZOOM_STEP) * ZOOM_STEP).toFixed(2))
}

const zoom = z.number().min(ZOOM_MIN).max(ZOOM_MAX).transform(snapZoom)
const bcp47 = z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,3}$/, 'not a language tag')
const languages = z
  .array(bcp47)
  .max(MAX_SPELLCHECK_LANGUAGES)
  .transform((tags) => [...new Set(tags)])
const fields = {
  startAtLogin: z.boolean(),
  startHidden: z.boolean(),
  closeToTray: z.boolean(),
  notifications: z.boolean(),
  zoom,
  spellcheckLanguages: languages,
  theme: z.enum(['system', 'light', 'dark'] satisfies ThemeSetting[]),
  language: z.enum(['system', 'en', 'zh-CN'] satisfies LanguageSetting[]),
}

/** A patch from the renderer: known fields only, each valid. */
export const settingsPatchSchema = z.strictObject(fields).partial()

function fileSchema(defaults: DesktopSettings) {
  return z.object({
    startAtLogin: fields.startAtLogin.catch(defaults.startAtLogin),
    startHidden: fields.startHidden.catch(defaults.startHidden),
    closeToTray: fields.closeToTray.catch(defaults.closeToTray),
    notifications: fields.notifications.catch(defaults.notifications),
    zoom: fields.zoom.catch(defaults.zoom),
    spellcheckLanguages: fields.spellcheckLanguages.catch(defaults.spellcheckLanguages),
    theme: fields.theme.catch(defaults.theme),
    language: fields.language.catch(defaults.language),
  })
}

export interface SettingsStore {
  get(): DesktopSettings
  /** Validates, persists and returns the whole new settings; throws invalid-input. */
  update(patch: unknown): DesktopSettings
}

export interface SettingsStoreOptions {
  dataDir: string
  defaults?: DesktopSettings
  warn: (message: string) => void
}

export function createSettingsStore(o: SettingsStoreOptions): SettingsStore {
  const file = join(o.dataDir, SETTINGS_FILE)
  const defaults = o.defaults ?? BASE_DEFAULTS
  let current = read(file, defaults, o.warn)

  return {
    get: () => structuredClone(current),
    update(patch) {
      const next = { ...current, ...parseInput(settingsPatchSchema, patch, 'Settings') }
      // Written whole to a temporary file and renamed, so a crash never leaves half a file.
      writeFileSync(`${file}.tmp`, JSON.stringify(next, null, 2))
      renameSync(`${file}.tmp`, file)
      current = next
      return structuredClone(current)
    },
  }
}

function read(
  file: string,
  defaults: DesktopSettings,
  warn: (message: string) => void,
): DesktopSettings {
  if (!existsSync(file)) return structuredClone(defaults)
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch (err) {
    // Kept beside, not deleted: the user (or a bug report) may still want what it held.
    const aside = `${file}.corrupt-${Date.now()}`
    renameSync(file, aside)
    warn(
      `settings file was unreadable (${(err as Error).message}); defaults used, old file kept as ${aside}`,
    )
    return structuredClone(defaults)
  }
  const parsed = fileSchema(defaults).safeParse(raw)
  if (!parsed.success) {
    warn('settings file is not an object; defaults used')
    return structuredClone(defaults)
  }
  return parsed.data
}
