// The tray, application and context menus as templates: plain data with the actions the glue
// passes in, so what each menu offers is tested without Electron.
import type { DesktopInfo } from '../shared/bridge'
import { externalUrl } from './desktop/external-url'

/** Electron's MenuItemConstructorOptions, as far as these menus use it. */
/** The Electron menu roles these menus use. */
export type MenuRole =
  | 'about'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'togglefullscreen'
  | 'reload'
  | 'toggleDevTools'
  | 'minimize'
  | 'close'

export interface MenuItem {
  label?: string
  role?: MenuRole
  type?: 'separator' | 'submenu' | 'normal'
  accelerator?: string
  /** The accelerator is shown, but zoom keys are handled by zoom-keys.ts on every layout. */
  registerAccelerator?: boolean
  enabled?: boolean
  submenu?: MenuItem[]
  click?: () => void
}

const separator: MenuItem = { type: 'separator' }

/** Linux indicators ignore clicks on the icon, so the menu always offers both. */
export function trayMenu(
  windowVisible: boolean,
  actions: { toggleWindow(): void; quit(): void },
): MenuItem[] {
  return [
    { label: windowVisible ? 'Hide Parley' : 'Show Parley', click: actions.toggleWindow },
    separator,
    { label: 'Quit Parley', click: actions.quit },
  ]
}

export interface AppMenuActions {
  zoom(command: 'in' | 'out' | 'reset'): void
  showWindow(): void
  quit(): void
}

export function appMenu(
  platform: DesktopInfo['platform'],
  actions: AppMenuActions,
  dev: boolean,
): MenuItem[] {
  const quit: MenuItem = { label: 'Quit Parley', accelerator: 'CmdOrCtrl+Q', click: actions.quit }
  const zoom = (label: string, accelerator: string, command: 'in' | 'out' | 'reset'): MenuItem => ({
    label,
    accelerator,
    registerAccelerator: false,
    click: () => actions.zoom(command),
  })
  const first: MenuItem =
    platform === 'darwin'
      ? {
          label: 'Parley',
          submenu: [
            { role: 'about' },
            separator,
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            separator,
            quit,
          ],
        }
      : { label: 'File', submenu: [quit] }
  return [
    first,
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        separator,
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        zoom('Zoom In', 'CmdOrCtrl+Plus', 'in'),
        zoom('Zoom Out', 'CmdOrCtrl+-', 'out'),
        zoom('Actual Size', 'CmdOrCtrl+0', 'reset'),
        separator,
        { role: 'togglefullscreen' },
        ...(dev ? ([separator, { role: 'reload' }, { role: 'toggleDevTools' }] as MenuItem[]) : []),
      ],
    },
    {
      label: 'Window',
      submenu: [
        { label: 'Show Parley', click: actions.showWindow },
        { role: 'minimize' },
        { role: 'close' },
      ],
    },
  ]
}

/** The fields of Electron's context-menu params that matter here. */
export interface ContextParams {
  isEditable: boolean
  selectionText: string
  misspelledWord: string
  dictionarySuggestions: string[]
  linkURL: string
  editFlags: { canCut: boolean; canCopy: boolean; canPaste: boolean; canSelectAll: boolean }
}

export interface ContextActions {
  replaceMisspelling(word: string): void
  addToDictionary(word: string): void
  copyText(text: string): void
}

const MAX_SUGGESTIONS = 5

/** Spelling suggestions first, then editing; an empty list means no menu at all. */
export function contextMenu(params: ContextParams, actions: ContextActions): MenuItem[] {
  const items: MenuItem[] = []
  if (params.isEditable && params.misspelledWord) {
    const suggestions = params.dictionarySuggestions.slice(0, MAX_SUGGESTIONS)
    for (const word of suggestions) {
      items.push({ label: word, click: () => actions.replaceMisspelling(word) })
    }
    if (suggestions.length === 0) items.push({ label: 'No suggestions', enabled: false })
    items.push({
      label: 'Add to Dictionary',
      click: () => actions.addToDictionary(params.misspelledWord),
    })
    items.push(separator)
  }
  if (params.isEditable) {
    items.push(
      { role: 'cut', enabled: params.editFlags.canCut },
      { role: 'copy', enabled: params.editFlags.canCopy },
      { role: 'paste', enabled: params.editFlags.canPaste },
      separator,
      { role: 'selectAll', enabled: params.editFlags.canSelectAll },
    )
  } else if (params.selectionText.trim()) {
    items.push({ role: 'copy' })
  }
  const link = externalUrl(params.linkURL)
  if (link) {
    if (items.length) items.push(separator)
    items.push({ label: 'Copy Link', click: () => actions.copyText(link) })
  }
  return items
}
