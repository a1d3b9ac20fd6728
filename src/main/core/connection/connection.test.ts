// The connection state machine against a scripted WebSocket peer: handshake, pongs, retries,
// 401/4401, drain, timeouts and network signals.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ConnectionState } from '../../../shared/bridge'
import { SUBPROTOCOL } from '../../../shared/protocol'
import { startStubServer, type StubServer } from '../testing/stub-server'
import { Connection, type ConnectionOptions } from './connection'

let stub: StubServer
let conn: Connection | undefined
let states: ConnectionState[]

beforeEach(async () => {
  stub = await startStubServer()
  states = []
})
afterEach(async () => {
  conn?.stop()
  await stub.close()
})

function connect(options: Partial<ConnectionOptions> = {}): Connection {
  conn = new Connection({
    url: stub.url,
    token: () => 'the-token',
    backoff: { baseMs: 50, capMs: 200 },
    ...options,
  })
  conn.stateChanged.add((s) => states.push(s))
  conn.start()
  return conn
}

function until(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  return new Promise((resolve, reject) => {
    const check = () => {
      if (predicate()) resolve()
      else if (Date.now() > deadline)
        reject(new Error(`timed out; states: ${JSON.stringify(states)}`))
      else setTimeout(check, 5)
    }
    check()
  })
}

const statuses = () => states.map((s) => s.status)

describe('Connection', () => {
  it('offers parley.v1 with the token as a Bearer header and opens on auth ok', async () => {
    const next = stub.nextSocket()
    const c = connect()
    const opened = new Promise((resolve) => c.opened.add(resolve))
    const s = await next
    expect(s.req.headers.authorization).toBe('Bearer the-token')
    expect(s.ws.protocol).toBe(SUBPROTOCOL)
    expect(await opened).toMatchObject({ uid: 'me', heartbeat: 60_000 })
    expect(statuses()).toEqual(['connecting', 'open'])
  })

  it('answers every ping with a pong, and passes other frames on', async () => {
    const next = stub.nextSocket()
    const c = connect()
    const s = await next
    const frames: unknown[] = []
    c.frames.add((f) => frames.push(f))
    await until(() => c.isOpen)
    s.ws.send(JSON.stringify({ event: 'heartbeat', message: 'ping', num: 0 }))
    s.ws.send(JSON.stringify({ event: 'heartbeat', message: 'ping', num: 0 }))
    s.ws.send(JSON.stringify({ event: 'synced', roomId: 'r', seq: 3 }))
    s.ws.send('not json')
    await until(() => s.received.length === 2 && frames.length === 1)
    expect(s.received).toEqual([
      { event: 'heartbeat', message: 'pong' },
      { event: 'heartbeat', message: 'pong' },
    ])
    expect(frames).toEqual([{ event: 'synced', roomId: 'r', seq: 3 }])
  })

  it('sends frames only while open', async () => {
    const next = stub.nextSocket()
    const c = connect()
    expect(c.send({ event: 'rooms' })).toBe(false)
    const s = await next
    await until(() => c.isOpen)
    expect(c.send({ event: 'rooms' })).toBe(true)
    await until(() => s.received.length === 1)
    expect(s.received).toEqual([{ event: 'rooms' }])
  })

  it('reconnects with backoff after the socket drops, and says when it will try', async () => {
    const first = stub.nextSocket()
    const c = connect()
    const closed: number[] = []
    c.closed.add((e) => closed.push(e.code))
    ;(await first).ws.terminate()
    const second = await stub.nextSocket()
    await until(() => c.isOpen)
    expect(second).toBeDefined()
    expect(closed).toEqual([1006])
    const retry = states.find((s) => s.status === 'reconnecting')
    expect(retry).toMatchObject({ attempt: 1 })
    expect(retry?.status === 'reconnecting' && retry.nextTryAt).toBeGreaterThan(Date.now() - 5000)
    expect(statuses()).toEqual(['connecting', 'open', 'reconnecting', 'connecting', 'open'])
  })

  it('stops for good on 4401 and on an HTTP 401 refusal', async () => {
    const first = stub.nextSocket()
    const c = connect()
    ;(await first).ws.close(4401, 'expired')
    await until(() => c.state.status === 'signed-out')
    expect(c.state).toEqual({ status: 'signed-out', reason: 'unauthorized' })
    const upgrades = stub.upgrades
    await new Promise((r) => setTimeout(r, 300))
    expect(stub.upgrades).toBe(upgrades)

    stub.refuseWith = 401
    states = []
    c.start()
    await until(() => c.state.status === 'signed-out')
    expect(c.state).toEqual({ status: 'signed-out', reason: 'unauthorized' })
    await new Promise((r) => setTimeout(r, 300))
    expect(stub.upgrades).toBe(upgrades + 1)
  })

  it('tries a token renewed while a connect with the old one was being refused', async () => {
    stub.refuseWith = (req) => (req.headers.authorization === 'Bearer old' ? 401 : undefined)
    let token = 'old'
    const c = connect({ token: () => token })
    // signIn with a fresh token while the first try is still on its way.
    token = 'new'
    await until(() => c.isOpen)
    expect(stub.upgrades).toBe(2)
  })

  it('keeps retrying other refusals', async () => {
    stub.refuseWith = 503
    const c = connect()
    await until(() => stub.upgrades >= 3)
    stub.refuseWith = undefined
    await until(() => c.isOpen)
  })

  it('comes back promptly after 1001 (drain), even after long backoff', async () => {
    stub.refuseWith = 503
    const c = connect({ backoff: { baseMs: 300, capMs: 60_000, random: () => 0.99 } })
    await until(() => stub.upgrades >= 3)
    stub.refuseWith = undefined
    await until(() => c.isOpen, 10_000)
    const s = stub.sockets[0]
    const started = Date.now()
    s?.ws.close(1001, 'draining')
    await until(() => stub.sockets.length === 2 && c.isOpen)
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it('gives up on a connect that does not reach auth ok in time', async () => {
    stub.heartbeatMs = undefined
    const c = connect({ connectTimeoutMs: 150 })
    await until(() => stub.upgrades >= 2)
    expect(c.isOpen).toBe(false)
    expect(statuses().slice(0, 3)).toEqual(['connecting', 'reconnecting', 'connecting'])
  })

  it('terminates a silent server after two heartbeat intervals and reconnects', async () => {
    stub.heartbeatMs = 100
    const first = stub.nextSocket()
    const c = connect()
    await first
    await until(() => c.isOpen)
    const openedAt = Date.now()
    await until(() => stub.sockets.length === 2, 3000)
    expect(Date.now() - openedAt).toBeGreaterThanOrEqual(190)
  })

  it('waits while offline and tries at once when online again', async () => {
    const first = stub.nextSocket()
    const c = connect({ backoff: { baseMs: 60_000, capMs: 60_000, random: () => 0.99 } })
    await first
    await until(() => c.isOpen)
    c.offline()
    expect(c.isOpen).toBe(true)
    stub.sockets[0]?.ws.terminate()
    await until(() => c.state.status === 'offline')
    await new Promise((r) => setTimeout(r, 100))
    expect(stub.upgrades).toBe(1)
    c.online()
    await until(() => c.isOpen)
    expect(stub.upgrades).toBe(2)
  })

  it('cuts a long backoff short on online, and reconnects at once on resume', async () => {
    stub.refuseWith = 503
    const c = connect({ backoff: { baseMs: 60_000, capMs: 60_000, random: () => 0.99 } })
    await until(() => c.state.status === 'reconnecting')
    stub.refuseWith = undefined
    c.online()
    await until(() => c.isOpen)
    c.resumed()
    await until(() => stub.sockets.length === 2 && c.isOpen)
    expect(stub.sockets[0]?.ws.readyState).not.toBe(1)
  })

  it('tries at once when the user asks, while waiting out a backoff or offline', async () => {
    stub.refuseWith = 503
    const c = connect({ backoff: { baseMs: 60_000, capMs: 60_000, random: () => 0.99 } })
    await until(() => c.state.status === 'reconnecting')
    c.retryNow()
    await until(() => stub.upgrades === 2 && c.state.status === 'reconnecting')
    c.offline()
    expect(c.state.status).toBe('offline')
    stub.refuseWith = undefined
    c.retryNow()
    await until(() => c.isOpen)
    expect(stub.upgrades).toBe(3)
  })

  it('starts offline when the OS says there is no network', () => {
    conn = new Connection({ url: stub.url, token: () => 't' })
    conn.offline()
    conn.start()
    expect(conn.state).toEqual({ status: 'offline' })
    expect(stub.upgrades).toBe(0)
  })
})
