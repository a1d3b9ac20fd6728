// The app:// scheme the renderer is served from (never file://, whose pages can read any file
// the page names): which file a request means, refusing anything outside the built renderer,
// and the response with the app's Content-Security-Policy. Plain Node; index.ts registers it.
import { readFile as fsReadFile } from 'node:fs/promises'
import { extname, isAbsolute, relative, resolve, sep } from 'node:path'

export const APP_SCHEME = 'app'
export const APP_HOST = 'parley'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/**
 * The renderer's only network is its own origin: the WebSocket lives in main, and images are
 * bundled or data:/blob: URLs made locally.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "form-action 'none'",
].join('; ')

/**
 * For protocol.registerSchemesAsPrivileged, before the app is ready: standard (so relative
 * URLs and the origin work like https), secure (a secure context), fetch for ES modules.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
}

/** The file under rootDir that an app:// URL names, or null for anything else. */
export function resolveAppFile(rootDir: string, requestUrl: string): string | null {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return null
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST) return null
  let path: string
  try {
    path = decodeURIComponent(url.pathname)
  } catch {
    return null
  }
  if (path === '' || path === '/') path = '/index.html'
  // Decoding can bring back what URL parsing removed: "..", a backslash, a NUL.
  if (path.includes('\0') || path.includes('\\')) return null
  const root = resolve(rootDir)
  const file = resolve(root, `.${path}`)
  const rel = relative(root, file)
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) return null
  return file
}

export type ReadFile = (path: string) => Promise<Uint8Array>

/** The protocol.handle handler: GET of a file of the built renderer, with the CSP. */
export function createAppProtocolHandler(
  rootDir: string,
  readFile: ReadFile = fsReadFile,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('method not allowed', { status: 405 })
    }
    const file = resolveAppFile(rootDir, request.url)
    if (!file) return new Response('not found', { status: 404 })
    let body: Uint8Array
    try {
      body = await readFile(file)
    } catch {
      return new Response('not found', { status: 404 })
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
      },
    })
  }
}
