// The sign-in's unencrypted-LAN warning: shown for ws:// to another machine only.
import { describe, expect, it } from 'vitest'
import { isPlainLan } from './plain-lan'

describe('isPlainLan', () => {
  it('is true for ws:// to another machine on the LAN', () => {
    expect(isPlainLan('ws://192.168.1.20:3000/')).toBe(true)
    expect(isPlainLan('ws://chat.lan:3000/')).toBe(true)
  })

  it('is false for this machine and for wss://', () => {
    expect(isPlainLan('ws://127.0.0.1:3000/')).toBe(false)
    expect(isPlainLan('ws://localhost:3000/')).toBe(false)
    expect(isPlainLan('ws://[::1]:3000/')).toBe(false)
    expect(isPlainLan('wss://192.168.1.20/')).toBe(false)
  })
})
