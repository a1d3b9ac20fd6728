// Who an account is before any server answers: the server URL in one canonical form and the
// token's claims, read (not verified: that is the server's job) to pick the database file.
import { invalidInput } from './errors'

export interface TokenClaims {
  sub: string
  name: string | null
}

/** A ws:// or wss:// URL; http(s):// is accepted and turned into its WebSocket twin. */
export function normalizeServerUrl(input: string): string {
  let url: URL
  try {
    url = new URL(input.trim())
  } catch {
    throw invalidInput(`"${input}" is not a server address (expected ws://host:port)`)
  }
  if (url.protocol === 'http:') url.protocol = 'ws:'
  else if (url.protocol === 'https:') url.protocol = 'wss:'
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    throw invalidInput(`"${input}" is not a server address (expected ws:// or wss://)`)
  }
  url.hash = ''
  return url.toString()
}

/**
 * Three base64url parts (the signature may be empty): anything else cannot be a JWT, and a
 * control character would make the Authorization header itself throw at every connect.
 */
const JWT_SHAPE = /^[\w-]+\.([\w-]+)\.[\w-]*$/

/** Reads sub and name from a JWT's payload. */
export function readTokenClaims(token: string): TokenClaims {
  const payload = JWT_SHAPE.exec(token)?.[1]
  let claims: unknown
  try {
    claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'))
  } catch {
    claims = undefined
  }
  if (typeof claims !== 'object' || claims === null) throw invalidInput('The token is not a JWT.')
  const { sub, name } = claims as { sub?: unknown; name?: unknown }
  if (typeof sub !== 'string' || sub === '') throw invalidInput('The token has no subject (sub).')
  return { sub, name: typeof name === 'string' ? name : null }
}
