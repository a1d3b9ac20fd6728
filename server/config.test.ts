import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config'

describe('loadConfig', () => {
  it('gives every documented default on an empty environment', () => {
    const c = loadConfig({})
    expect(c).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      redisUrl: undefined,
      heartbeatIntervalMs: 25_000,
      authTimeoutMs: 10_000,
      historyLimit: 10_000,
      maxPayloadBytes: 65_536,
      maxMessageChars: 4000,
      rateLimitPerSec: 10,
      rateLimitBurst: 20,
      guestLogin: true,
      allowedOrigins: undefined,
    })
    expect(c.jwt).toMatchObject({ kind: 'secret', development: true })
  })

  it('reads values and lists', () => {
    const c = loadConfig({
      PORT: '4000',
      REDIS_URL: 'redis://127.0.0.1:6380',
      JWT_SECRET: 'a-secret-of-sixteen+',
      ALLOWED_ORIGINS: 'https://a.example, https://b.example',
      GUEST_LOGIN: 'false',
    })
    expect(c.port).toBe(4000)
    expect(c.redisUrl).toBe('redis://127.0.0.1:6380')
    expect(c.jwt).toEqual({ kind: 'secret', secret: 'a-secret-of-sixteen+', development: false })
    expect(c.allowedOrigins).toEqual(['https://a.example', 'https://b.example'])
    expect(c.guestLogin).toBe(false)
  })

  it.each([
    [{ PORT: 'abc' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ HEARTBEAT_INTERVAL_MS: '-5' }, /HEARTBEAT_INTERVAL_MS/],
    [{ REDIS_URL: 'http://x' }, /REDIS_URL/],
    [{ NODE_ENV: 'production', JWT_SECRET: 'secret' }, /JWT_SECRET: must be at least 16/],
    [{ GUEST_LOGIN: 'maybe' }, /GUEST_LOGIN/],
    [{ JWT_PUBLIC_KEY_FILE: '/nonexistent/key.pem' }, /cannot read/],
  ])('rejects %o with one clear line', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError)
    expect(() => loadConfig(env)).toThrow(message)
  })

  it('accepts a short JWT_SECRET outside production, marked weak', () => {
    expect(loadConfig({ JWT_SECRET: 'secret' }).jwt).toEqual({
      kind: 'secret',
      secret: 'secret',
      development: false,
      weak: true,
    })
    expect(loadConfig({ NODE_ENV: 'test', JWT_SECRET: 's' }).jwt).toMatchObject({ weak: true })
  })

  it('refuses production without a JWT key, and turns guest login off there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/)
    const c = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-1234' })
    expect(c.guestLogin).toBe(false)
  })
})
