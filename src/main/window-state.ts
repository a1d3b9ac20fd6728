// What the app remembers about its window between runs: its bounds, whether it was maximized,
// and whether the one-time "Parley keeps running in the tray" notice was shown. Saved bounds
// are used only where they still fall on a display (a monitor may have gone).
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'

export interface WindowBounds {
  x?: number
  y?: number
  width: number
  height: number
}

export interface WindowState {
  bounds: WindowBounds
  maximized: boolean
  trayNoticeShown: boolean
}

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export const WINDOW_STATE_FILE = 'window-state.json'
export const DEFAULT_BOUNDS: WindowBounds = { width: 1100, height: 760 }
/** How much of the title bar must be on a display for saved bounds to be used as they are. */
const GRAB_MARGIN = 48

const int = z.number().int()
const schema = z.object({
  bounds: z
    .object({
      x: int.optional(),
      y: int.optional(),
      width: int.min(100).max(20_000),
      height: int.min(100).max(20_000),
    })
    .catch(DEFAULT_BOUNDS),
  maximized: z.boolean().catch(false),
  trayNoticeShown: z.boolean().catch(false),
})

export function readWindowState(dataDir: string): WindowState {
  const file = join(dataDir, WINDOW_STATE_FILE)
  const fallback: WindowState = { bounds: DEFAULT_BOUNDS, maximized: false, trayNoticeShown: false }
  if (!existsSync(file)) return fallback
  try {
    return schema.parse(JSON.parse(readFileSync(file, 'utf8')))
  } catch {
    // Window placement is not worth a warning: the default is what a first run gets.
    return fallback
  }
}

export function writeWindowState(dataDir: string, state: WindowState): void {
  const file = join(dataDir, WINDOW_STATE_FILE)
  writeFileSync(`${file}.tmp`, JSON.stringify(state))
  renameSync(`${file}.tmp`, file)
}

/**
 * Saved bounds where their top edge can still be grabbed on one of the displays' work areas;
 * otherwise the same size (shrunk to the largest display) with no position, so the OS centres it.
 */
export function boundsOnScreen(saved: WindowBounds, workAreas: readonly Rect[]): WindowBounds {
  const { x, y } = saved
  if (x !== undefined && y !== undefined) {
    const visible = workAreas.some(
      (a) =>
        x + saved.width - GRAB_MARGIN > a.x &&
        x + GRAB_MARGIN < a.x + a.width &&
        y >= a.y &&
        y + GRAB_MARGIN <= a.y + a.height,
    )
    if (visible) return saved
  }
  const widest = Math.max(0, ...workAreas.map((a) => a.width))
  const tallest = Math.max(0, ...workAreas.map((a) => a.height))
  return {
    width: widest ? Math.min(saved.width, widest) : saved.width,
    height: tallest ? Math.min(saved.height, tallest) : saved.height,
  }
}
