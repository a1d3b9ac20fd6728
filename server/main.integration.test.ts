// `npm run server` and `npm run token` as a self-hoster runs them: bad settings stop the
// start with one line, SIGTERM drains, tokens are never logged, the CLI's tokens work.
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { TestClient } from './testing/client'
import { startRedisServer } from './testing/redis-server'
import { startServerProcess } from './testing/server-process'
import { startTcpProxy } from './testing/tcp-proxy'
import { TEST_SECRET } from './testing/tokens'

const run = promisify(execFile)
const script = (name: string) => fileURLToPath(new URL(name, import.meta.url))

async function runScript(file: string, args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', script(file), ...args],
      {
        env: { PATH: process.env.PATH ?? '', ...env },
      },
    )
    return { code: 0, stdout, stderr }
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

describe('server process', () => {
  it('exits 1 with one clear line on a bad setting', async () => {
    const r = await runScript('main.ts', [], { PORT: 'not-a-port' })
    expect(r.code).toBe(1)
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^parley: invalid setting PORT/),
    ])
  })

  it('refuses to start in production without a JWT key', async () => {
    const r = await runScript('main.ts', [], { NODE_ENV: 'production', PORT: '0' })
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/JWT_SECRET/)
  })

  it('on SIGTERM closes sockets with 1001, finishes in-flight stores and exits 0', async () => {
    const server = await startServerProcess()
    const c = await TestClient.connect(server.url, { token: await server.token('t1') })
    c.send({ event: 'enter', roomId: 'term' })
    await c.next('synced')
    for (let i = 0; i < 10; i++) c.send({ event: 'message', roomId: 'term', message: `m${i}` })
    await c.next('message')
    const code = server.stop()
    expect((await c.closed).code).toBe(1001)
    expect(await code).toBe(0)
    // Every message the server took was stored before it went: their seqs have no gap.
    const seqs = c.messages('term').map((f) => f.seq)
    expect(seqs).toEqual(seqs.map((_, i) => i + 1))
  })

  it('warns about the development key without logging it, and never logs tokens', async () => {
    const server = await startServerProcess({ JWT_SECRET: '' })
    const token = await server.token('t2', { secret: 'parley-development-key-not-for-production' })
    const c = await TestClient.connect(server.url, { token, tokenIn: 'query' })
    await c.next('auth')
    const bad = await TestClient.connect(server.url).catch(() => undefined)
    bad?.send({ event: 'auth', message: 'secret-looking-bad-token' })
    await bad?.next('noauth')
    c.close()
    await server.stop()
    const out = server.output()
    expect(out).toMatch(/development key/)
    expect(out).not.toContain('parley-development-key-not-for-production')
    expect(out).not.toContain(token)
    expect(out).not.toContain('secret-looking-bad-token')
  })

  it('accepts tokens signed with a short secret outside production, with a warning', async () => {
    const server = await startServerProcess({ JWT_SECRET: 'secret', LOG_LEVEL: 'warn' })
    try {
      const c = await TestClient.connect(server.url, { token: await server.token('weak') })
      expect(await c.next('auth')).toMatchObject({ uid: 'weak' })
      c.close()
    } finally {
      await server.stop()
    }
    expect(server.output()).toMatch(/JWT_SECRET is weak/)
    expect(server.output()).not.toMatch(/"secret"/)
  })

  it('starts without its Redis, says so, answers 503 on /healthz, and serves once Redis is up', async () => {
    // Redis is reached through a relay that refuses links until the test lets them through.
    const redis = await startRedisServer()
    const relay = await startTcpProxy(redis.port)
    relay.refuse(true)
    try {
      const server = await startServerProcess({ REDIS_URL: `redis://127.0.0.1:${relay.port}` })
      try {
        expect(server.output()).toMatch(/storage not reachable yet/)
        const health = `http://127.0.0.1:${server.port}/healthz`
        expect((await fetch(health)).status).toBe(503)
        relay.refuse(false)
        const deadline = Date.now() + 15_000
        while ((await fetch(health)).status !== 200 && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 200))
        }
        expect(await (await fetch(health)).json()).toEqual({ ok: true, store: 'redis' })
      } finally {
        await server.stop()
      }
    } finally {
      await relay.close()
      await redis.stop()
    }
  }, 30_000)
})

describe('npm run token', () => {
  it('prints a token the server accepts, with name and rooms claims', async () => {
    const server = await startServerProcess()
    try {
      const r = await runScript(
        'cli/token.ts',
        ['--sub', '42', '--name', 'alice', '--rooms', '1,2', '--exp', '1h'],
        {
          JWT_SECRET: TEST_SECRET,
        },
      )
      expect(r.code).toBe(0)
      const c = await TestClient.connect(server.url, { token: r.stdout.trim() })
      expect(await c.next('auth')).toMatchObject({ uid: '42', name: 'alice' })
      c.send({ event: 'enter', roomId: '3' })
      expect(await c.next('error')).toMatchObject({ code: 'forbidden' })
      c.send({ event: 'enter', roomId: 2 })
      expect(await c.next('synced')).toMatchObject({ roomId: '2' })
      c.close()
    } finally {
      await server.stop()
    }
  })

  it('explains its usage when --sub is missing', async () => {
    const r = await runScript('cli/token.ts', ['--name', 'x'], {})
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/usage: npm run token/)
  })
})
