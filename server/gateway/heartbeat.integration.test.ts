// PROTOCOL "Heartbeat": pings with the count of the first room, liveness from any frame,
// silent peers terminated (and their rooms told), answering peers kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { ParleyServer } from '../create-server'
import { TestClient } from '../testing/client'
import { startTestServer } from '../testing/in-process'
import { testToken } from '../testing/tokens'

let server: ParleyServer

beforeAll(async () => {
  server = await startTestServer({ HEARTBEAT_INTERVAL_MS: '150' })
})
afterAll(() => server.close())

describe('heartbeat', () => {
  it('pings every interval with num of the earliest-entered room, 0 when in none', async () => {
    const c = await TestClient.connect(server.url, { token: await testToken('hb-1') })
    expect(await c.next('auth')).toMatchObject({ heartbeat: 150 })
    expect(await c.next('heartbeat')).toEqual({ event: 'heartbeat', message: 'ping', num: 0 })
    const other = await TestClient.connect(server.url, { token: await testToken('hb-2') })
    other.send({ event: 'enter', roomId: 'first' })
    await other.next('synced')
    c.send({ event: 'enter', roomId: 'first' })
    c.send({ event: 'enter', roomId: 'second' })
    await c.next((f) => f.event === 'synced' && f.roomId === 'second')
    expect(await c.next((f) => f.event === 'heartbeat' && f.num === 2)).toMatchObject({
      message: 'ping',
    })
    c.close()
    other.close()
  })

  it('keeps a peer that answers, terminates a silent one and tells its rooms', async () => {
    const live = await TestClient.connect(server.url, { token: await testToken('hb-live') })
    live.ws.on('message', (d) => {
      if (JSON.parse(d.toString()).event === 'heartbeat')
        live.send({ event: 'heartbeat', message: 'pong' })
    })
    live.send({ event: 'enter', roomId: 'hb' })
    await live.next('synced')
    // autoPong off: this peer answers neither JSON pings nor WebSocket pings.
    const silent = new WebSocket(server.url, ['parley.v1'], {
      headers: { authorization: `Bearer ${await testToken('hb-silent')}` },
      autoPong: false,
    })
    await new Promise((r) => silent.once('open', r))
    silent.send(JSON.stringify({ event: 'enter', roomId: 'hb' }))
    await live.next((f) => f.event === 'enter' && f.uid === 'hb-silent')
    const closed = new Promise<number>((r) => silent.once('close', (code) => r(code)))
    expect(await live.next((f) => f.event === 'out' && f.uid === 'hb-silent', 3000)).toMatchObject({
      num: 1,
    })
    expect(await closed).toBe(1006)
    await new Promise((r) => setTimeout(r, 600))
    expect(live.ws.readyState).toBe(WebSocket.OPEN)
    live.close()
  })

  it('keeps a peer that answers only the WebSocket ping, as a browser page does', async () => {
    // ws answers pings itself (autoPong), and this peer never sends a frame of its own.
    const quiet = new WebSocket(server.url, {
      headers: { authorization: `Bearer ${await testToken('hb-quiet')}` },
    })
    const pings: number[] = []
    quiet.on('ping', () => pings.push(Date.now()))
    await new Promise((r) => quiet.once('open', r))
    await new Promise((r) => setTimeout(r, 5 * 150))
    expect(pings.length).toBeGreaterThanOrEqual(3)
    expect(quiet.readyState).toBe(WebSocket.OPEN)
    quiet.close()
  })
})
