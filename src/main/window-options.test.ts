// The main window's options: every security switch of the Electron checklist, and the
// remembered bounds used only where they still fall on a display.
import { describe, expect, it } from 'vitest'
import { mainWindowOptions } from './window-options'
import { boundsOnScreen, DEFAULT_BOUNDS, readWindowState, writeWindowState } from './window-state'
import { makeTempDir } from './core/testing/temp-dir'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

const base = {
  preload: '/app/out/preload/index.cjs',
  bounds: { x: 10, y: 20, width: 900, height: 700 },
  zoom: 1.2,
  spellcheck: true,
  devTools: false,
}

describe('main window options', () => {
  it('sets every security switch, whatever the Electron defaults are', () => {
    const { webPreferences: wp } = mainWindowOptions(base)
    expect(wp).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    })
    expect(wp).not.toHaveProperty('enableBlinkFeatures')
    expect(wp).not.toHaveProperty('partition')
    expect(wp.devTools).toBe(false)
  })

  it('opens hidden until ready, at the remembered place, zoom and spell-check', () => {
    const options = mainWindowOptions(base)
    expect(options).toMatchObject({ show: false, x: 10, y: 20, width: 900, height: 700 })
    expect(options.webPreferences).toMatchObject({ zoomFactor: 1.2, spellcheck: true })
    expect(mainWindowOptions({ ...base, bounds: DEFAULT_BOUNDS })).not.toHaveProperty('x')
  })
})

describe('window state', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1040 }]

  it('keeps bounds that are on a display', () => {
    expect(boundsOnScreen({ x: 100, y: 50, width: 900, height: 700 }, screen)).toEqual({
      x: 100,
      y: 50,
      width: 900,
      height: 700,
    })
  })

  it('lets the OS place a window whose monitor is gone, shrunk to fit', () => {
    expect(boundsOnScreen({ x: 2500, y: 100, width: 2400, height: 700 }, screen)).toEqual({
      width: 1920,
      height: 700,
    })
    expect(boundsOnScreen({ x: 100, y: -400, width: 800, height: 600 }, screen)).toEqual({
      width: 800,
      height: 600,
    })
  })

  it('is remembered across runs, and a damaged file means the defaults', () => {
    const dir = makeTempDir('parley-window-')
    try {
      expect(readWindowState(dir.path)).toEqual({
        bounds: DEFAULT_BOUNDS,
        maximized: false,
        trayNoticeShown: false,
      })
      const state = {
        bounds: { x: 5, y: 6, width: 800, height: 600 },
        maximized: true,
        trayNoticeShown: true,
      }
      writeWindowState(dir.path, state)
      expect(readWindowState(dir.path)).toEqual(state)
      writeFileSync(join(dir.path, 'window-state.json'), '{"bounds": {"width": -3}, "maximized": 1')
      expect(readWindowState(dir.path).bounds).toEqual(DEFAULT_BOUNDS)
    } finally {
      dir.remove()
    }
  })
})
