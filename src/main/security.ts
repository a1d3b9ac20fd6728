// The security decisions of the glue as plain functions (docs/architecture.md "Security"):
// which page may call main, what a permission request gets, and what every web contents does
// about navigation, new windows and webviews. index.ts wires them to Electron.
import { APP_HOST, APP_SCHEME } from './app-protocol'
import { externalUrl } from './desktop/external-url'

/**
 * Whether a frame URL is the app's own page: app://parley/…, or, in `npm run dev` only, the
 * electron-vite dev server's origin.
 */
export function trustedSender(url: string | undefined, devOrigin: string | null): boolean {
  if (!url) return false
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol === `${APP_SCHEME}:`) return parsed.host.toLowerCase() === APP_HOST
  return devOrigin !== null && parsed.origin === devOrigin
}

/** Permission requests and checks: notifications for the app's own page, nothing else. */
export function permissionAllowed(
  permission: string,
  requestingUrl: string | undefined,
  devOrigin: string | null,
): boolean {
  return permission === 'notifications' && trustedSender(requestingUrl, devOrigin)
}

/** The parts of Electron's WebContents the hardening touches. */
export interface HardenableContents {
  on(
    event: 'will-navigate',
    listener: (event: { preventDefault(): void; url: string }) => void,
  ): unknown
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
}

/**
 * For every web contents the app creates: no navigation away from the app, no new windows
 * (an http(s) or mailto link goes to the system instead), no webviews.
 */
export function hardenWebContents(
  contents: HardenableContents,
  openExternal: (url: string) => void,
): void {
  const passOut = (url: string) => {
    const safe = externalUrl(url)
    if (safe) openExternal(safe)
  }
  contents.on('will-navigate', (event) => {
    event.preventDefault()
    passOut(event.url)
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    passOut(url)
    return { action: 'deny' }
  })
}
