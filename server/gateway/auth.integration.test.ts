// PROTOCOL "Authentication": the three ways in, refusals, re-auth, expiry and timeouts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ParleyServer } from '../create-server'
import { TestClient, upgradeStatus } from '../testing/client'
import { startTestServer } from '../testing/in-process'
import { testToken } from '../testing/tokens'

let server: ParleyServer

beforeAll(async () => {
  server = await startTestServer({ AUTH_TIMEOUT_MS: '300' })
})
afterAll(() => server.close())

describe('authentication', () => {
  it.each(['bearer', 'header', 'query'] as const)(
    'accepts a handshake token (%s) with auth ok at once',
    async (tokenIn) => {
      const c = await TestClient.connect(server.url, {
        token: await testToken('7', { name: 'alice' }),
        tokenIn,
      })
      expect(await c.next('auth')).toEqual({
        event: 'auth',
        message: 'ok',
        uid: '7',
        name: 'alice',
        heartbeat: 25_000,
      })
      c.close()
    },
  )

  it('accepts an auth frame; name falls back to the uid', async () => {
    const c = await TestClient.connect(server.url)
    c.send({ event: 'auth', message: await testToken('8') })
    expect(await c.next('auth')).toMatchObject({ message: 'ok', uid: '8', name: '8' })
    c.close()
  })

  it('refuses a bad, expired or foreign-key handshake token with HTTP 401', async () => {
    const tokens = [
      'not-a-jwt',
      await testToken('1', { expiresIn: -60 }),
      await testToken('1', { secret: 'another-secret-0123456789' }),
    ]
    for (const t of tokens) {
      expect(await upgradeStatus(server.url, { authorization: `Bearer ${t}` })).toBe(401)
      expect(await upgradeStatus(`${server.url}?token=${encodeURIComponent(t)}`)).toBe(401)
    }
  })

  it('answers frames before auth with noauth, and a bad auth frame too, keeping the socket', async () => {
    const c = await TestClient.connect(server.url)
    c.send({ event: 'enter', roomId: '1' })
    expect(await c.next('noauth')).toEqual({ event: 'noauth', message: 'please auth again' })
    c.send({ event: 'auth', message: 'garbage' })
    expect(await c.next('noauth')).toEqual({ event: 'noauth', message: 'please auth again' })
    c.send({ event: 'heartbeat', message: 'pong' })
    expect(await c.pending('noauth')).toEqual([])
    c.send({ event: 'auth', message: await testToken('9') })
    expect(await c.next('auth')).toMatchObject({ message: 'ok', uid: '9' })
    c.close()
  })

  it('handles auth immediately followed by enter in order', async () => {
    const c = await TestClient.connect(server.url)
    c.send({ event: 'auth', message: await testToken('10') })
    c.send({ event: 'enter', roomId: 'same-tick' })
    expect(await c.next('auth')).toMatchObject({ message: 'ok' })
    expect(await c.next('enter')).toMatchObject({ roomId: 'same-tick', uid: '10' })
    expect(await c.next('synced')).toMatchObject({ roomId: 'same-tick' })
    c.close()
  })

  it('closes an unauthenticated socket with 4401 after AUTH_TIMEOUT_MS', async () => {
    const c = await TestClient.connect(server.url)
    expect((await c.closed).code).toBe(4401)
  })

  it('re-auth: same sub renews, bad token changes nothing, another sub closes 4401', async () => {
    const c = await TestClient.connect(server.url, { token: await testToken('11') })
    await c.next('auth')
    c.send({ event: 'auth', message: await testToken('11', { name: 'renewed' }) })
    expect(await c.next('auth')).toMatchObject({ message: 'ok', name: 'renewed' })
    c.send({ event: 'auth', message: 'bad' })
    expect(await c.next('noauth')).toMatchObject({ message: 'please auth again' })
    c.send({ event: 'enter', roomId: 'still-authed' })
    expect(await c.next('enter')).toMatchObject({ uid: '11' })
    c.send({ event: 'auth', message: await testToken('12') })
    expect((await c.closed).code).toBe(4401)
  })

  it('on expiry says token expired, keeps receiving, and continues after a fresh token', async () => {
    const c = await TestClient.connect(server.url, {
      token: await testToken('13', { expiresIn: -4 }),
    })
    await c.next('auth')
    c.send({ event: 'enter', roomId: 'expiry' })
    await c.next('synced')
    expect(await c.next('noauth', 3000)).toEqual({ event: 'noauth', message: 'token expired' })
    // Still in the room: it keeps receiving.
    const other = await TestClient.connect(server.url, { token: await testToken('14') })
    other.send({ event: 'enter', roomId: 'expiry' })
    await other.next('synced')
    other.send({ event: 'message', roomId: 'expiry', message: 'hi' })
    expect(await c.next('message')).toMatchObject({ message: 'hi', uid: '14' })
    // But its own frames get noauth until it re-authenticates.
    c.send({ event: 'message', roomId: 'expiry', message: 'blocked' })
    expect(await c.next('noauth')).toMatchObject({ message: 'please auth again' })
    c.send({ event: 'auth', message: await testToken('13') })
    expect(await c.next('auth')).toMatchObject({ message: 'ok', uid: '13' })
    c.send({ event: 'message', roomId: 'expiry', message: 'back' })
    expect(await other.next((f) => f.event === 'message' && f.uid === '13')).toMatchObject({
      message: 'back',
    })
    c.close()
    other.close()
  })

  it('closes 4401 when an expired socket does not re-authenticate in time', async () => {
    const c = await TestClient.connect(server.url, {
      token: await testToken('15', { expiresIn: -4 }),
    })
    await c.next('auth')
    await c.next('noauth', 3000)
    expect((await c.closed).code).toBe(4401)
  })

  it('identity comes from the token, never from a frame field', async () => {
    const c = await TestClient.connect(server.url, {
      token: await testToken('16', { name: 'real' }),
    })
    c.send({ event: 'enter', roomId: 'spoof', uid: '999', name: 'real' })
    expect(await c.next('enter')).toMatchObject({ uid: '16' })
    c.send({ event: 'message', roomId: 'spoof', message: 'x', uid: '999', name: 'mallory' })
    expect(await c.next('message')).toMatchObject({ uid: '16', name: 'real' })
    c.close()
  })
})
