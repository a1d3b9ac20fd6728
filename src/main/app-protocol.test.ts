// The app:// scheme: the built renderer's files with the app's CSP, and nothing outside them.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeTempDir, type TempDir } from './core/testing/temp-dir'
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  createAppProtocolHandler,
  resolveAppFile,
} from './app-protocol'

let dir: TempDir
let root: string

beforeEach(() => {
  dir = makeTempDir('parley-app-')
  root = join(dir.path, 'renderer')
  mkdirSync(join(root, 'assets'), { recursive: true })
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Parley</title>')
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)')
  writeFileSync(join(dir.path, 'secret.txt'), 'outside the renderer')
})
afterEach(() => dir.remove())

describe('app:// protocol', () => {
  it('serves the entry page with the exact CSP of the app', async () => {
    const handle = createAppProtocolHandler(root)
    const res = await handle(new Request(APP_ENTRY_URL))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; frame-src 'none'; form-action 'none'",
    )
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*/)
    expect(await res.text()).toContain('<title>Parley</title>')
    const js = await handle(new Request('app://parley/assets/index-abc.js'))
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect((await handle(new Request('app://parley/'))).status).toBe(200)
  })

  it('refuses every way out of the renderer folder', async () => {
    const handle = createAppProtocolHandler(root)
    for (const url of [
      'app://parley/../secret.txt',
      'app://parley/%2e%2e/secret.txt',
      'app://parley/assets/%2F..%2F..%2Fsecret.txt',
      'app://parley/assets/..%2F..%2Fsecret.txt',
      'app://parley/..%5csecret.txt',
      'app://parley/index.html%00.png',
      'app://parley/%E0%A4%A',
      'app://other/index.html',
      'file:///etc/passwd',
      'app://parley/missing.js',
    ]) {
      const res = await handle(new Request(url))
      expect(res.status, url).toBe(404)
      expect(await res.text(), url).not.toContain('outside')
    }
    expect(resolveAppFile(root, 'app://parley/assets/..%2F..%2Fsecret.txt')).toBeNull()
  })

  it('answers only reads', async () => {
    const handle = createAppProtocolHandler(root)
    const res = await handle(new Request(APP_ENTRY_URL, { method: 'POST', body: 'x' }))
    expect(res.status).toBe(405)
  })
})
