// Server settings: read from the environment and validated here, in one place.
import { readFileSync } from 'node:fs'
import { z } from 'zod'

const DEV_SECRET = 'parley-development-key-not-for-production'
/** Shorter HS256 secrets are refused in production and warned about elsewhere. */
export const MIN_SECRET_CHARS = 16

const int = (def: number, min = 0) => z.coerce.number().int().min(min).default(def)
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')

const envSchema = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: int(3000).pipe(z.number().max(65535)),
  HOST: z.string().min(1).default('0.0.0.0'),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  JWT_SECRET: z.string().optional(),
  JWT_PUBLIC_KEY_FILE: z.string().min(1).optional(),
  JWT_PRIVATE_KEY_FILE: z.string().min(1).optional(),
  JWT_ALGORITHM: z.enum(['RS256', 'ES256']).optional(),
  HEARTBEAT_INTERVAL_MS: int(25_000, 50),
  AUTH_TIMEOUT_MS: int(10_000, 50),
  HISTORY_LIMIT: int(10_000, 1),
  MAX_PAYLOAD_BYTES: int(65_536, 256),
  MAX_MESSAGE_CHARS: int(4000, 1),
  RATE_LIMIT_PER_SEC: z.coerce.number().positive().default(10),
  RATE_LIMIT_BURST: int(20, 1),
  GUEST_LOGIN: flag.optional(),
  ALLOWED_ORIGINS: z.string().optional(),
  MAX_BUFFERED_BYTES: int(4 * 1024 * 1024, 65_536),
  SHUTDOWN_TIMEOUT_MS: int(10_000, 0),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
})

export type JwtKeyConfig =
  | {
      kind: 'secret'
      secret: string
      /** No JWT_SECRET: the built-in development key. */
      development: boolean
      /** Shorter than MIN_SECRET_CHARS: accepted outside production (tutorial pages). */
      weak?: true
    }
  | {
      kind: 'public-key'
      algorithm: 'RS256' | 'ES256'
      publicKeyPem: string
      privateKeyPem?: string
    }

export interface ServerConfig {
  production: boolean
  port: number
  host: string
  redisUrl?: string
  jwt: JwtKeyConfig
  heartbeatIntervalMs: number
  authTimeoutMs: number
  historyLimit: number
  maxPayloadBytes: number
  maxMessageChars: number
  rateLimitPerSec: number
  rateLimitBurst: number
  guestLogin: boolean
  /** Browser origins allowed to open a socket; undefined allows any. */
  allowedOrigins?: string[]
  /** A socket whose unsent output passes this many bytes is closed (a reader that never reads). */
  maxBufferedBytes: number
  shutdownTimeoutMs: number
  logLevel: string
}

export class ConfigError extends Error {}

/** Parses the environment; throws ConfigError with one readable line on a bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = envSchema.safeParse(withoutEmpty(env))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new ConfigError(`invalid setting ${issue.path.join('.')}: ${issue.message}`)
  }
  const e = parsed.data
  const production = e.NODE_ENV === 'production'
  return {
    production,
    port: e.PORT,
    host: e.HOST,
    redisUrl: e.REDIS_URL,
    jwt: jwtKeyConfig(e, production),
    heartbeatIntervalMs: e.HEARTBEAT_INTERVAL_MS,
    authTimeoutMs: e.AUTH_TIMEOUT_MS,
    historyLimit: e.HISTORY_LIMIT,
    maxPayloadBytes: e.MAX_PAYLOAD_BYTES,
    maxMessageChars: e.MAX_MESSAGE_CHARS,
    rateLimitPerSec: e.RATE_LIMIT_PER_SEC,
    rateLimitBurst: e.RATE_LIMIT_BURST,
    guestLogin: e.GUEST_LOGIN ?? !production,
    allowedOrigins: e.ALLOWED_ORIGINS?.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    maxBufferedBytes: e.MAX_BUFFERED_BYTES,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    logLevel: e.LOG_LEVEL,
  }
}

function jwtKeyConfig(e: z.infer<typeof envSchema>, production: boolean): JwtKeyConfig {
  if (e.JWT_PUBLIC_KEY_FILE) {
    if (e.JWT_SECRET) throw new ConfigError('set JWT_SECRET or JWT_PUBLIC_KEY_FILE, not both')
    return {
      kind: 'public-key',
      algorithm: e.JWT_ALGORITHM ?? 'RS256',
      publicKeyPem: readKeyFile('JWT_PUBLIC_KEY_FILE', e.JWT_PUBLIC_KEY_FILE),
      privateKeyPem: e.JWT_PRIVATE_KEY_FILE
        ? readKeyFile('JWT_PRIVATE_KEY_FILE', e.JWT_PRIVATE_KEY_FILE)
        : undefined,
    }
  }
  if (e.JWT_SECRET && e.JWT_SECRET.length >= MIN_SECRET_CHARS)
    return { kind: 'secret', secret: e.JWT_SECRET, development: false }
  // A tutorial page signs with whatever its author chose, often `secret`: fine on one's own
  // machine, never in production.
  if (e.JWT_SECRET && !production)
    return { kind: 'secret', secret: e.JWT_SECRET, development: false, weak: true }
  if (e.JWT_SECRET) {
    throw new ConfigError(
      `invalid setting JWT_SECRET: must be at least ${MIN_SECRET_CHARS} characters in production`,
    )
  }
  if (production) {
    throw new ConfigError('NODE_ENV=production needs JWT_SECRET or JWT_PUBLIC_KEY_FILE')
  }
  return { kind: 'secret', secret: DEV_SECRET, development: true }
}

function readKeyFile(name: string, path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (err) {
    throw new ConfigError(
      `invalid setting ${name}: cannot read ${path} (${(err as Error).message})`,
    )
  }
}

// An empty variable (FOO= in a shell or .env file) means "use the default".
function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') out[k] = v
  return out
}
