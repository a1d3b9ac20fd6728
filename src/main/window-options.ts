// The main window's options: every security switch of the Electron checklist set explicitly
// (a default that changes between Electron versions cannot loosen them), plus size and the
// settings that live in webPreferences.
import type { WindowBounds } from './window-state'

export interface MainWindowInput {
  /** The built preload bundle (out/preload/index.cjs). */
  preload: string
  bounds: WindowBounds
  zoom: number
  spellcheck: boolean
  /** DevTools only in development builds. */
  devTools: boolean
  icon?: string
}

export const MIN_WIDTH = 480
export const MIN_HEIGHT = 400

export function mainWindowOptions(o: MainWindowInput) {
  return {
    ...(o.bounds.x !== undefined && o.bounds.y !== undefined
      ? { x: o.bounds.x, y: o.bounds.y }
      : {}),
    width: o.bounds.width,
    height: o.bounds.height,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    title: 'Parley',
    // Shown on ready-to-show (or never, when started hidden in the tray): no white flash.
    show: false,
    ...(o.icon ? { icon: o.icon } : {}),
    webPreferences: {
      preload: o.preload,
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
      safeDialogs: true,
      spellcheck: o.spellcheck,
      zoomFactor: o.zoom,
      devTools: o.devTools,
    },
  }
}
