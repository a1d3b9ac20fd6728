// PROTOCOL "HTTP on the same port" and "Transport": health, metrics, guest sign-in, paths
// and origins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ParleyServer } from '../create-server'
import { TestClient, upgradeStatus } from '../testing/client'
import { startTestServer } from '../testing/in-process'
import { testToken } from '../testing/tokens'

let server: ParleyServer
let base: string

beforeAll(async () => {
  server = await startTestServer({ ALLOWED_ORIGINS: 'https://chat.example' })
  base = `http://127.0.0.1:${server.port}`
})
afterAll(() => server.close())

describe('http', () => {
  it('reports health with the store kind', async () => {
    const res = await fetch(`${base}/healthz`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true, store: 'memory' })
  })

  it('exposes Prometheus metrics that move with traffic', async () => {
    const c = await TestClient.connect(server.url, { token: await testToken('m1') })
    c.send({ event: 'enter', roomId: 'metrics' })
    await c.next('synced')
    c.send({ event: 'message', roomId: 'metrics', message: 'count me' })
    await c.next('message')
    const text = await (await fetch(`${base}/metrics`)).text()
    expect(text).toMatch(/^parley_connections 1$/m)
    expect(text).toMatch(/^parley_rooms 1$/m)
    expect(text).toMatch(/^parley_messages_in_total 1$/m)
    expect(text).toMatch(/^parley_deliveries_total 1$/m)
    expect(text).toMatch(/^parley_store_latency_seconds_count 1$/m)
    c.close()
  })

  it('signs in a guest with a token that authenticates', async () => {
    const res = await fetch(`${base}/api/token`, {
      method: 'POST',
      body: JSON.stringify({ name: 'alice' }),
    })
    expect(res.status).toBe(200)
    const { token, uid } = (await res.json()) as { token: string; uid: string }
    const c = await TestClient.connect(server.url, { token, tokenIn: 'query' })
    expect(await c.next('auth')).toMatchObject({ uid, name: 'alice' })
    c.close()
    for (const body of [
      'not json',
      '{}',
      JSON.stringify({ name: '' }),
      JSON.stringify({ name: 5 }),
    ]) {
      expect((await fetch(`${base}/api/token`, { method: 'POST', body })).status).toBe(400)
    }
    expect(
      (await fetch(`${base}/api/token`, { method: 'POST', body: 'x'.repeat(10_000) })).status,
    ).toBe(413)
  })

  it('answers 404 for guest sign-in when it is off, and for unknown paths', async () => {
    const off = await startTestServer({ GUEST_LOGIN: 'false' })
    try {
      const res = await fetch(`http://127.0.0.1:${off.port}/api/token`, {
        method: 'POST',
        body: '{"name":"a"}',
      })
      expect(res.status).toBe(404)
    } finally {
      await off.close()
    }
    expect((await fetch(`${base}/nope`)).status).toBe(404)
  })

  it('upgrades on / and /ws only, and only from allowed origins', async () => {
    const token = await testToken('o1')
    const auth = { authorization: `Bearer ${token}` }
    expect(await upgradeStatus(`${server.url}`, auth)).toBe('open')
    expect(await upgradeStatus(`${server.url}ws`, auth)).toBe('open')
    expect(await upgradeStatus(`${server.url}chat`, auth)).toBe(404)
    expect(await upgradeStatus(server.url, { ...auth, origin: 'https://chat.example' })).toBe(
      'open',
    )
    expect(await upgradeStatus(server.url, { ...auth, origin: 'https://evil.example' })).toBe(403)
  })
})
