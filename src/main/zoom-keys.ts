// Zoom shortcuts (Ctrl/Cmd with +, −, 0) read from the key the layout produced, with the
// physical key as the fallback, so they work on every keyboard layout: "+" is Shift+= on a US
// keyboard, its own key on a German one, and the 0 key types "à" on a French one.
import { ZOOM_STEP } from '../shared/bridge'
import { snapZoom } from './desktop/settings-store'
import type { DesktopInfo } from '../shared/bridge'

export type ZoomCommand = 'in' | 'out' | 'reset'

/** The fields of Electron's before-input-event Input that matter here. */
export interface KeyInput {
  type: string
  key: string
  code: string
  control: boolean
  meta: boolean
  alt: boolean
}

export function zoomCommand(
  input: KeyInput,
  platform: DesktopInfo['platform'],
): ZoomCommand | null {
  if (input.type !== 'keyDown') return null
  const mod = platform === 'darwin' ? input.meta : input.control
  // Ctrl+Alt is AltGr on Windows: it types characters, it is not a shortcut.
  if (!mod || input.alt) return null
  if (input.key === '+' || input.key === '=' || input.code === 'NumpadAdd') return 'in'
  if (input.key === '-' || input.key === '_' || input.code === 'NumpadSubtract') return 'out'
  if (input.key === '0' || input.code === 'Numpad0') return 'reset'
  // Layouts where these keys type letters: fall back to the US positions.
  if (!/^[\x20-\x7e]$/.test(input.key)) {
    if (input.code === 'Equal') return 'in'
    if (input.code === 'Minus') return 'out'
    if (input.code === 'Digit0') return 'reset'
  }
  return null
}

export function nextZoom(current: number, command: ZoomCommand): number {
  if (command === 'reset') return 1
  return snapZoom(current + (command === 'in' ? ZOOM_STEP : -ZOOM_STEP))
}
