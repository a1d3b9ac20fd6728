// What the tray, application and context menus offer.
import { describe, expect, it } from 'vitest'
import { appMenu, contextMenu, trayMenu, type ContextParams, type MenuItem } from './menus'

const labels = (items: MenuItem[]) => items.map((i) => i.label ?? i.role ?? i.type)

describe('tray menu', () => {
  it('always offers Show or Hide and Quit, since Linux indicators ignore clicks', () => {
    const calls: string[] = []
    const actions = { toggleWindow: () => calls.push('toggle'), quit: () => calls.push('quit') }
    expect(labels(trayMenu(true, actions))).toEqual(['Hide Parley', 'separator', 'Quit Parley'])
    const hidden = trayMenu(false, actions)
    expect(labels(hidden)).toEqual(['Show Parley', 'separator', 'Quit Parley'])
    hidden[0]!.click!()
    hidden[2]!.click!()
    expect(calls).toEqual(['toggle', 'quit'])
  })
})

describe('application menu', () => {
  const noop = { zoom: () => {}, showWindow: () => {}, quit: () => {} }

  it('has Quit, editing, zoom and the window; developer items only in dev', () => {
    const linux = appMenu('linux', noop, false)
    expect(labels(linux)).toEqual(['File', 'Edit', 'View', 'Window'])
    expect(linux[0]!.submenu!.map((i) => i.label)).toEqual(['Quit Parley'])
    const view = JSON.stringify(linux[2])
    expect(view).not.toMatch(/toggleDevTools|reload/)
    expect(JSON.stringify(appMenu('linux', noop, true)[2])).toMatch(/toggleDevTools/)
    expect(labels(appMenu('darwin', noop, false))[0]).toBe('Parley')
  })

  it('leaves the zoom keys to the layout-aware handler instead of registering accelerators', () => {
    const zoomed: string[] = []
    const view = appMenu('win32', { ...noop, zoom: (c) => zoomed.push(c) }, false)[2]!.submenu!
    const zoomItems = view.filter((i) => i.label?.startsWith('Zoom') || i.label === 'Actual Size')
    expect(zoomItems.map((i) => i.registerAccelerator)).toEqual([false, false, false])
    for (const item of zoomItems) item.click!()
    expect(zoomed).toEqual(['in', 'out', 'reset'])
  })
})

describe('context menu', () => {
  const params = (p: Partial<ContextParams>): ContextParams => ({
    isEditable: false,
    selectionText: '',
    misspelledWord: '',
    dictionarySuggestions: [],
    linkURL: '',
    editFlags: { canCut: false, canCopy: false, canPaste: false, canSelectAll: false },
    ...p,
  })
  const record = () => {
    const calls: string[] = []
    return {
      calls,
      actions: {
        replaceMisspelling: (w: string) => calls.push(`replace ${w}`),
        addToDictionary: (w: string) => calls.push(`add ${w}`),
        copyText: (t: string) => calls.push(`copy ${t}`),
      },
    }
  }

  it('puts spelling suggestions first in an editable field', () => {
    const { calls, actions } = record()
    const items = contextMenu(
      params({
        isEditable: true,
        misspelledWord: 'helo',
        dictionarySuggestions: ['hello', 'help', 'hero', 'held', 'helot', 'halo'],
        editFlags: { canCut: true, canCopy: true, canPaste: true, canSelectAll: true },
      }),
      actions,
    )
    expect(labels(items)).toEqual([
      'hello',
      'help',
      'hero',
      'held',
      'helot',
      'Add to Dictionary',
      'separator',
      'cut',
      'copy',
      'paste',
      'separator',
      'selectAll',
    ])
    items[0]!.click!()
    items[5]!.click!()
    expect(calls).toEqual(['replace hello', 'add helo'])
  })

  it('says when there is no suggestion', () => {
    const items = contextMenu(
      params({ isEditable: true, misspelledWord: 'xqzt' }),
      record().actions,
    )
    expect(items[0]).toEqual({ label: 'No suggestions', enabled: false })
  })

  it('offers Copy for selected text, Copy Link for web links only, and nothing otherwise', () => {
    const { calls, actions } = record()
    expect(labels(contextMenu(params({ selectionText: 'hi' }), actions))).toEqual(['copy'])
    const link = contextMenu(params({ linkURL: 'https://example.org/x' }), actions)
    expect(labels(link)).toEqual(['Copy Link'])
    link[0]!.click!()
    expect(calls).toEqual(['copy https://example.org/x'])
    expect(contextMenu(params({ linkURL: 'file:///etc/passwd' }), actions)).toEqual([])
    expect(contextMenu(params({}), actions)).toEqual([])
  })
})
