// Bad input gets a clear error and loses nothing: malformed frames, oversize payloads,
// floods, readers that never read, and thousands of idle unauthenticated sockets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { ParleyServer } from '../create-server'
import { TestClient } from '../testing/client'
import { startTestServer } from '../testing/in-process'
import { startServerProcess } from '../testing/server-process'
import { testToken } from '../testing/tokens'

let server: ParleyServer

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())

async function user(uid: string, target: { url: string } = server) {
  const c = await TestClient.connect(target.url, { token: await testToken(uid) })
  await c.next('auth')
  return c
}

describe('malformed frames', () => {
  it('answers each with the right code and ref, and keeps the connection', async () => {
    const c = await user('bad-1')
    const cases: [string | Buffer, string, string | undefined][] = [
      ['not json', 'bad_json', undefined],
      [Buffer.from([1, 2, 3]), 'bad_json', undefined],
      ['[]', 'bad_event', undefined],
      ['"text"', 'bad_event', undefined],
      ['{"event":5}', 'bad_event', undefined],
      ['{"event":"nope","cid":"x1"}', 'bad_event', 'x1'],
      ['{"event":"nope"}', 'bad_event', 'nope'],
      ['{"event":"message","roomId":"r","message":5}', 'bad_event', 'message'],
      ['{"event":"enter","roomId":"r","since":-1}', 'bad_event', 'enter'],
      ['{"event":"enter","roomId":"r","since":1.5}', 'bad_event', 'enter'],
      ['{"event":"ack","roomId":"r","seq":"3"}', 'bad_event', 'ack'],
      [`{"event":"message","message":"x","cid":"${'c'.repeat(65)}"}`, 'bad_event', 'message'],
    ]
    for (const [frame, code, ref] of cases) {
      c.ws.send(frame, { binary: Buffer.isBuffer(frame) })
      const error = await c.next('error')
      expect(error).toMatchObject({ event: 'error', code })
      expect(error.ref).toBe(ref)
      expect(typeof error.message).toBe('string')
    }
    c.send({ event: 'enter', roomId: 'still-open' })
    expect(await c.next('synced')).toMatchObject({ roomId: 'still-open' })
    c.close()
  })

  it('treats null optional fields as absent', async () => {
    const c = await user('null-1')
    c.send({ event: 'enter', roomId: 'nulls', since: null, message: null })
    expect(await c.next('enter')).toMatchObject({ name: 'null-1' })
    await c.next('synced')
    c.send({ event: 'message', roomId: null, message: 'plain', cid: null })
    const m = await c.next('message')
    expect(m).toMatchObject({ roomId: 'nulls', message: 'plain' })
    expect(m).not.toHaveProperty('cid')
    c.send({ event: 'history', roomId: 'nulls', before: null, limit: null })
    expect((await c.next('history')).messages).toHaveLength(1)
    c.close()
  })

  it('rate-limits frames before auth too', async () => {
    const c = await TestClient.connect(server.url)
    for (let i = 0; i < 200; i++) c.send({ event: 'enter', roomId: 'x' })
    expect((await c.closed).code).toBe(1008)
    // The burst of 20 passes; the bucket refills while a loaded machine sends the rest.
    expect(c.frames.filter((f) => f.event === 'noauth').length).toBeGreaterThanOrEqual(20)
    expect(c.frames.filter((f) => f.code === 'rate_limited')).toHaveLength(50)
  })

  it('closes with 1009 on a frame over MAX_PAYLOAD_BYTES', async () => {
    const c = await user('big-1')
    c.send({ event: 'message', message: 'x'.repeat(1024 * 1024) })
    expect((await c.closed).code).toBe(1009)
  })
})

describe('floods', () => {
  it('rate-limits a flood of 1000 frames, then closes with 1008; others are unaffected', async () => {
    const flooder = await user('flood-1')
    const bystander = await user('flood-2')
    flooder.send({ event: 'enter', roomId: 'flood' })
    bystander.send({ event: 'enter', roomId: 'flood' })
    await flooder.next('synced')
    await bystander.next('synced')
    for (let i = 0; i < 1000; i++)
      flooder.send({ event: 'message', roomId: 'flood', message: `f${i}` })
    expect((await flooder.closed).code).toBe(1008)
    const limited = flooder.frames.filter((f) => f.event === 'error' && f.code === 'rate_limited')
    expect(limited).toHaveLength(50)
    // What passed the bucket was stored and delivered, in order, exactly once.
    const stored = bystander.messages('flood')
    expect(stored.length).toBeGreaterThanOrEqual(19)
    expect(stored.map((f) => f.seq)).toEqual(stored.map((_, i) => i + 1))
    bystander.send({ event: 'message', roomId: 'flood', message: 'calm' })
    expect(await bystander.next((f) => f.message === 'calm')).toMatchObject({ uid: 'flood-2' })
    bystander.close()
  })

  it('closes a socket that never reads once its unsent output passes the bound', async () => {
    const small = await startTestServer({
      MAX_BUFFERED_BYTES: '1048576',
      MAX_MESSAGE_CHARS: '60000',
      RATE_LIMIT_PER_SEC: '10000',
      RATE_LIMIT_BURST: '10000',
    })
    try {
      const writer = await user('slow-w', small)
      const reader = await user('slow-r', small)
      writer.send({ event: 'enter', roomId: 'slow' })
      reader.send({ event: 'enter', roomId: 'slow' })
      await writer.next((f) => f.event === 'enter' && f.uid === 'slow-r')
      await reader.next('synced')
      // The reader's process stops reading its socket; the kernel buffers fill, then ours.
      const raw = (reader.ws as unknown as { _socket: { pause(): void } })._socket
      raw.pause()
      const text = 'y'.repeat(60_000)
      // Paced by the writer's own echoes, so only the reader that stopped reading falls behind.
      let seq = 0
      while (seq < 600 && !writer.frames.some((f) => f.event === 'out' && f.uid === 'slow-r')) {
        for (let i = 0; i < 10; i++)
          writer.send({ event: 'message', roomId: 'slow', message: text })
        seq += 10
        await writer.next((f) => f.event === 'message' && f.seq === seq, 10_000)
      }
      expect(await writer.next((f) => f.event === 'out' && f.uid === 'slow-r')).toMatchObject({
        num: 1,
      })
      writer.close()
      reader.ws.terminate()
    } finally {
      await small.close()
    }
  })
})

describe('idle sockets', () => {
  it('holds 10,000 idle unauthenticated sockets, still serves a user, then closes them all with 4401', async () => {
    // A process of its own: 10,000 sockets on each side would pass one process's file limit.
    const idleServer = await startServerProcess({ AUTH_TIMEOUT_MS: '15000', LOG_LEVEL: 'warn' })
    const sockets: WebSocket[] = []
    const codes: number[] = []
    try {
      for (let batch = 0; batch < 20; batch++) {
        await Promise.all(
          Array.from({ length: 500 }, () => {
            const ws = new WebSocket(idleServer.url)
            sockets.push(ws)
            ws.on('close', (code) => codes.push(code))
            return new Promise((resolve, reject) => {
              ws.once('open', resolve)
              ws.once('error', reject)
            })
          }),
        )
      }
      // Every socket was let in. On a loaded machine opening them all can take longer than
      // the auth timeout: the first may already be gone, but only by that timeout.
      expect(sockets).toHaveLength(10_000)
      expect(codes.filter((code) => code !== 4401)).toEqual([])
      const notClosed = sockets.filter((s) => s.readyState !== WebSocket.CLOSED)
      expect(notClosed.length + codes.length).toBe(10_000)
      const c = await user('idle-user', idleServer)
      c.send({ event: 'enter', roomId: 'idle' })
      await c.next('synced')
      c.send({ event: 'message', roomId: 'idle', message: 'still here' })
      expect(await c.next('message')).toMatchObject({ message: 'still here' })
      c.close()
      const deadline = Date.now() + 30_000
      while (codes.length < 10_000 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 200))
      expect(codes).toHaveLength(10_000)
      expect(new Set(codes)).toEqual(new Set([4401]))
    } finally {
      for (const s of sockets) s.terminate()
      await idleServer.stop()
    }
  }, 90_000)
})
