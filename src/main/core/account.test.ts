// Server URLs in one canonical form, and token claims read (not verified) to pick the file.
import { describe, expect, it } from 'vitest'
import { normalizeServerUrl, readTokenClaims } from './account'
import { ParleyCoreError } from './errors'

const jwt = (payload: object) =>
  `e30.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`

describe('normalizeServerUrl', () => {
  it('keeps ws URLs in one canonical form and maps http to ws', () => {
    expect(normalizeServerUrl(' ws://Chat.Example:3000 ')).toBe('ws://chat.example:3000/')
    expect(normalizeServerUrl('https://chat.example/ws#x')).toBe('wss://chat.example/ws')
    expect(normalizeServerUrl('http://127.0.0.1:9/')).toBe('ws://127.0.0.1:9/')
  })

  it('refuses what is not a server address', () => {
    expect(() => normalizeServerUrl('chat.example')).toThrow(ParleyCoreError)
    expect(() => normalizeServerUrl('ftp://chat.example')).toThrow(/ws:\/\//)
  })
})

describe('readTokenClaims', () => {
  it('reads sub and name', () => {
    expect(readTokenClaims(jwt({ sub: 'u1', name: 'Ann' }))).toEqual({ sub: 'u1', name: 'Ann' })
    expect(readTokenClaims(jwt({ sub: 'u1' }))).toEqual({ sub: 'u1', name: null })
  })

  it('refuses tokens without a subject, or not JWTs at all', () => {
    expect(() => readTokenClaims(jwt({ name: 'x' }))).toThrow(/sub/)
    expect(() => readTokenClaims('garbage')).toThrow(/not a JWT/)
    expect(() => readTokenClaims('a.bm90IGpzb24.c')).toThrow(/not a JWT/)
    expect(() => readTokenClaims(`${jwt({ sub: 'u1' })}\nX-Injected: 1`)).toThrow(/not a JWT/)
  })
})
