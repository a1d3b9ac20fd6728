// "Start at login" on Linux, where Electron's setLoginItemSettings does nothing: an XDG
// autostart entry (~/.config/autostart/parley.desktop) that desktop sessions run at login.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { HIDDEN_ARG } from './lifecycle'

export const AUTOSTART_FILE = 'parley.desktop'

export interface AutostartInput {
  /** $XDG_CONFIG_HOME, else ~/.config. */
  configHome: string
  /** The program to run: $APPIMAGE for an AppImage (its mount path changes each run). */
  execPath: string
  enabled: boolean
  hidden: boolean
}

/** The desktop entry; Exec quoting follows the Desktop Entry spec. */
export function autostartEntry(execPath: string, hidden: boolean): string {
  const quoted = `"${execPath.replace(/(["`$\\])/g, '\\$1')}"`
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Parley',
    `Exec=${quoted}${hidden ? ` ${HIDDEN_ARG}` : ''}`,
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n')
}

export function applyAutostart(o: AutostartInput): void {
  const dir = join(o.configHome, 'autostart')
  const file = join(dir, AUTOSTART_FILE)
  if (!o.enabled) {
    rmSync(file, { force: true })
    return
  }
  mkdirSync(dir, { recursive: true })
  writeFileSync(file, autostartEntry(o.execPath, o.hidden))
}
