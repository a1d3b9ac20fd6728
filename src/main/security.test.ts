// The security handlers: who may call main, what permissions are granted, and what happens
// to navigation, new windows and webviews in any web contents.
import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { hardenWebContents, permissionAllowed, trustedSender } from './security'

/** A web contents as the hardening sees it: events it can cancel, and its open handler. */
class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }) {
    this.openHandler = handler
  }
  /** Emits a cancellable event; true when a listener cancelled it. */
  fire(name: string, url = ''): boolean {
    let prevented = false
    this.emit(name, { url, preventDefault: () => (prevented = true) })
    return prevented
  }
}

describe('trusted sender', () => {
  it('is the app page only', () => {
    expect(trustedSender('app://parley/index.html', null)).toBe(true)
    expect(trustedSender('app://parley/index.html#/room/x', null)).toBe(true)
    for (const url of [
      'app://evil/index.html',
      'https://parley/index.html',
      'file:///app/index.html',
      'http://localhost:5173/',
      'about:blank',
      '',
      undefined,
    ]) {
      expect(trustedSender(url, null), String(url)).toBe(false)
    }
  })

  it('accepts the dev server only when the app runs in dev mode', () => {
    expect(trustedSender('http://localhost:5173/', 'http://localhost:5173')).toBe(true)
    expect(trustedSender('http://localhost:5174/', 'http://localhost:5173')).toBe(false)
  })
})

describe('permissions', () => {
  it('grants notifications to the app page and denies everything else', () => {
    expect(permissionAllowed('notifications', 'app://parley/', null)).toBe(true)
    expect(permissionAllowed('notifications', 'https://evil.example/', null)).toBe(false)
    for (const p of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'hid', 'unknown']) {
      expect(permissionAllowed(p, 'app://parley/', null), p).toBe(false)
    }
  })
})

describe('web contents hardening', () => {
  it('cancels every navigation and passes web links to the system', () => {
    const contents = new FakeContents()
    const opened: string[] = []
    hardenWebContents(contents, (url) => opened.push(url))
    expect(contents.fire('will-navigate', 'https://example.org/page')).toBe(true)
    expect(contents.fire('will-navigate', 'app://parley/index.html')).toBe(true)
    expect(contents.fire('will-navigate', 'file:///etc/passwd')).toBe(true)
    expect(opened).toEqual(['https://example.org/page'])
  })

  it('denies every new window, opening http, https and mailto links outside', () => {
    const contents = new FakeContents()
    const opened: string[] = []
    hardenWebContents(contents, (url) => opened.push(url))
    for (const url of [
      'https://example.org/',
      'mailto:a@example.org',
      'javascript:alert(1)',
      'file:///C:/Windows/system32/calc.exe',
      'smb://host/share',
    ]) {
      expect(contents.openHandler!({ url })).toEqual({ action: 'deny' })
    }
    expect(opened).toEqual(['https://example.org/', 'mailto:a@example.org'])
  })

  it('blocks webviews', () => {
    const contents = new FakeContents()
    hardenWebContents(contents, () => {})
    expect(contents.fire('will-attach-webview')).toBe(true)
  })
})
