// What `npm start`, `npm run app` and `npm run dev` can do on this machine: where Electron's
// binary would be, whether there is a display to open a window on, and the one line said
// when the app cannot start (start then serves the server alone, as `npm run server` does).
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

export type LaunchMode = 'start' | 'app' | 'dev'

/** The Electron executable the electron package points at, as its index.js finds it; null if none. */
export function electronBinary(
  electronDir: string,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
): string | null {
  const pathFile = join(electronDir, 'path.txt')
  const platformPath = existsSync(pathFile)
    ? readFileSync(pathFile, 'utf8').trim()
    : platform === 'darwin'
      ? 'Electron.app/Contents/MacOS/Electron'
      : platform === 'win32'
        ? 'electron.exe'
        : 'electron'
  const binary = env.ELECTRON_OVERRIDE_DIST_PATH
    ? join(env.ELECTRON_OVERRIDE_DIST_PATH, platformPath)
    : join(electronDir, 'dist', platformPath)
  return existsSync(binary) ? binary : null
}

/** Linux without X11 or Wayland: a server box, or a session without a desktop. */
export function isHeadless(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): boolean {
  return platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY
}

/** The first line of what a failed installer printed, without its stack. */
export function firstLine(output: string): string {
  const line = output
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l && !l.startsWith('at '))
  return (line ?? 'no output').replace(/^(\w*Error): /, '').slice(0, 160)
}

/** The one line said when the app cannot open; `start` goes on with the server alone. */
export function cannotOpenLine(reason: string, mode: LaunchMode): string {
  const then =
    mode === 'start' ? 'starting the server alone (npm run server)' : 'the desktop app cannot start'
  return `parley: ${reason}; ${then}.`
}
