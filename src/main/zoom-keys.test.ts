// Zoom shortcuts on several keyboard layouts, and the zoom steps they lead to.
import { describe, expect, it } from 'vitest'
import { nextZoom, zoomCommand, type KeyInput } from './zoom-keys'

const key = (k: string, code: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  type: 'keyDown',
  key: k,
  code,
  control: true,
  meta: false,
  alt: false,
  ...mods,
})

describe('zoom keys', () => {
  it('reads Ctrl with +, = and the numpad on US, German and French layouts', () => {
    expect(zoomCommand(key('=', 'Equal'), 'linux')).toBe('in') // US, no Shift
    expect(zoomCommand(key('+', 'Equal'), 'linux')).toBe('in') // US, Shift
    expect(zoomCommand(key('+', 'BracketRight'), 'win32')).toBe('in') // German "+" key
    expect(zoomCommand(key('+', 'NumpadAdd'), 'linux')).toBe('in')
    expect(zoomCommand(key('-', 'Minus'), 'linux')).toBe('out')
    expect(zoomCommand(key('-', 'Slash'), 'win32')).toBe('out') // German "-"
    expect(zoomCommand(key('-', 'Digit6'), 'linux')).toBe('out') // French "-" on the 6 key
    expect(zoomCommand(key('0', 'Digit0'), 'linux')).toBe('reset')
    expect(zoomCommand(key('à', 'Digit0'), 'linux')).toBe('reset') // French 0 key, unshifted
    expect(zoomCommand(key('0', 'Numpad0'), 'linux')).toBe('reset')
  })

  it('uses Cmd on macOS and ignores Ctrl there', () => {
    expect(zoomCommand(key('=', 'Equal', { control: false, meta: true }), 'darwin')).toBe('in')
    expect(zoomCommand(key('=', 'Equal'), 'darwin')).toBeNull()
  })

  it('leaves AltGr, plain keys, other shortcuts and key releases alone', () => {
    expect(zoomCommand(key('+', 'Equal', { alt: true }), 'win32')).toBeNull()
    expect(zoomCommand(key('+', 'Equal', { control: false }), 'linux')).toBeNull()
    expect(zoomCommand(key('c', 'KeyC'), 'linux')).toBeNull()
    expect(zoomCommand(key('ß', 'Minus'), 'linux')).toBe('out')
    expect(zoomCommand(key('=', 'Equal', { type: 'keyUp' }), 'linux')).toBeNull()
  })

  it('steps by a tenth within 50% and 200%', () => {
    expect(nextZoom(1, 'in')).toBe(1.1)
    expect(nextZoom(1.1, 'in')).toBe(1.2)
    expect(nextZoom(2, 'in')).toBe(2)
    expect(nextZoom(0.5, 'out')).toBe(0.5)
    expect(nextZoom(1.7, 'reset')).toBe(1)
  })
})
