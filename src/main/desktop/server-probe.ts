// The HTTP the app does before sign-in (PROTOCOL "HTTP on the same port"): is this a Parley
// server, does it hand out guest tokens, and fetching one. Runs in main because the renderer
// has no network of its own (CSP connect-src 'self').
import { z } from 'zod'
import type { ServerCheck } from '../../shared/bridge'
import { DesktopError } from './errors'
import { parseServerAddress, type ServerAddress } from './server-address'

/** Global fetch in Node, Electron's net.fetch in the app (it follows the OS proxy settings). */
export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>

const TIMEOUT_MS = 8000

const healthBody = z.object({ ok: z.boolean(), store: z.string() })
const tokenBody = z.object({ token: z.string().min(1) })

/** Refuses plain ws:// to a public host before any byte is sent to it. */
export function secureAddress(input: string): ServerAddress {
  const address = parseServerAddress(input)
  if (address.insecure) {
    throw new DesktopError(
      'insecure-server',
      `${address.serverUrl} is plain ws:// to a host outside your network: use wss:// so your messages and token are encrypted.`,
    )
  }
  return address
}

export async function checkServer(fetch: FetchLike, input: string): Promise<ServerCheck> {
  const address = parseServerAddress(input)
  if (address.insecure) return { serverUrl: address.serverUrl, guestLogin: false, insecure: true }
  const health = await call(fetch, address, '/healthz', { method: 'GET' })
  // 503 is a Parley server whose storage is down for now: it still answers, and recovers.
  if (!healthBody.safeParse(await jsonOf(health)).success) throw notParley(address)
  // An empty body is refused with 400 where guest sign-in is on, 404 where it is off;
  // no token is issued by asking.
  const probe = await call(fetch, address, '/api/token', jsonPost({}))
  await probe.body?.cancel()
  return { serverUrl: address.serverUrl, guestLogin: probe.status === 400, insecure: false }
}

/** A guest token for `name` from the server's POST /api/token. */
export async function fetchGuestToken(
  fetch: FetchLike,
  address: ServerAddress,
  name: string,
): Promise<string> {
  const res = await call(fetch, address, '/api/token', jsonPost({ name }))
  const body = await jsonOf(res)
  if (res.status === 200) {
    const parsed = tokenBody.safeParse(body)
    if (!parsed.success) throw notParley(address)
    return parsed.data.token
  }
  if (res.status === 404) {
    throw new DesktopError(
      'server-refused',
      'This server does not offer guest sign-in: ask its admin for a token.',
    )
  }
  const reason = z.object({ error: z.string() }).safeParse(body)
  if (res.status === 400 || res.status === 503) {
    throw new DesktopError(
      'server-refused',
      `The server refused a guest token${reason.success ? `: ${reason.data.error}` : '.'}`,
    )
  }
  throw notParley(address)
}

function jsonPost(body: unknown): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }
}

async function call(
  fetch: FetchLike,
  address: ServerAddress,
  path: string,
  init: RequestInit,
): Promise<Response> {
  try {
    // A redirect could take the request (and later the token) somewhere the user never named.
    return await fetch(address.httpOrigin + path, {
      ...init,
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
  } catch (err) {
    const timedOut = err instanceof Error && err.name === 'TimeoutError'
    const why = timedOut ? `no answer within ${TIMEOUT_MS / 1000} s` : describe(err)
    throw new DesktopError('server-unreachable', `Could not reach ${address.serverUrl} (${why}).`, {
      cause: err,
    })
  }
}

async function jsonOf(res: Response): Promise<unknown> {
  try {
    return await res.json()
  } catch {
    return undefined
  }
}

function notParley(address: ServerAddress): DesktopError {
  return new DesktopError(
    'server-unreachable',
    `${address.serverUrl} answered, but not as a Parley server does: check the address and port.`,
  )
}

// fetch's own message is "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND) is in the cause.
function describe(err: unknown): string {
  const cause = err instanceof Error ? (err.cause as { code?: unknown } | undefined) : undefined
  if (typeof cause?.code === 'string') return cause.code
  return err instanceof Error ? err.message : String(err)
}
