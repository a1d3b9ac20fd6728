// Coalesced socket writes: frames queued together leave in one write, in order, flushed before a
// close; flush passes are paced by their own cost so a busy server's frames share writes.
import { PassThrough } from 'node:stream'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import { textFrame } from '../wire/ws-frame'
import { SocketWriter } from './socket-writer'

function writer(ws: { readyState: number } = { readyState: WebSocket.OPEN }) {
  const socket = new PassThrough()
  const writes: string[] = []
  const write = vi.spyOn(socket, 'write')
  socket.on('data', (d: Buffer) => writes.push(d.toString('latin1')))
  return { w: new SocketWriter(socket, ws), socket, write, writes }
}

const frame = (text: string) => textFrame(text)
const bytes = (...texts: string[]) => Buffer.concat(texts.map((t) => frame(t))).toString('latin1')

/** Blocks the thread: a flush pass that writes to this socket takes `ms`. */
function slowWrites(socket: PassThrough, ms: number): void {
  const write = socket.write.bind(socket)
  socket.write = ((chunk: Buffer) => {
    const until = performance.now() + ms
    while (performance.now() < until);
    return write(chunk)
  }) as typeof socket.write
}

describe('SocketWriter', () => {
  it('writes every frame queued in one turn in one write, in order', async () => {
    const { w, write, writes } = writer()
    w.write(frame('a'))
    w.write(frame('bb'))
    w.write(frame('c'))
    expect(write).not.toHaveBeenCalled()
    expect(w.buffered).toBe(3 + 4 + 3)
    await vi.waitFor(() => expect(write).toHaveBeenCalled())
    expect(write).toHaveBeenCalledTimes(1)
    expect(writes.join('')).toBe(bytes('a', 'bb', 'c'))
    expect(w.buffered).toBe(0)
  })

  it('coalesces per socket, one pass for all sockets', async () => {
    const one = writer()
    const two = writer()
    one.w.write(frame('1'))
    two.w.write(frame('2'))
    one.w.write(frame('3'))
    await vi.waitFor(() => expect(two.write).toHaveBeenCalled())
    expect(one.write).toHaveBeenCalledTimes(1)
    expect(one.writes.join('')).toBe(bytes('1', '3'))
    two.w.write(frame('4'))
    await vi.waitFor(() => expect(two.write).toHaveBeenCalledTimes(2))
  })

  it('after a pass that took a while, frames of later turns wait and share one write', async () => {
    const busy = writer()
    slowWrites(busy.socket, 100)
    busy.w.write(frame('first'))
    await nextTurn()
    expect(busy.write).toHaveBeenCalledTimes(1)
    // The pass took 100 ms: the next waits 150 ms, gathering what comes meanwhile.
    busy.w.write(frame('second'))
    await nextTurn()
    busy.w.write(frame('third'))
    await nextTurn()
    expect(busy.write).toHaveBeenCalledTimes(1)
    await vi.waitFor(() => expect(busy.write).toHaveBeenCalledTimes(2))
    expect(busy.writes.join('')).toBe(bytes('first', 'second', 'third'))
  })

  it('flushes at once on demand (before a close frame), then goes on coalescing', async () => {
    const { w, write } = writer()
    w.write(frame('bye'))
    w.flush()
    expect(write).toHaveBeenCalledTimes(1)
    w.write(frame('later'))
    await vi.waitFor(() => expect(write).toHaveBeenCalledTimes(2))
  })

  it('drops what is queued once the WebSocket is closing or the socket is gone', async () => {
    const ws: { readyState: number } = { readyState: WebSocket.OPEN }
    const { w, socket, write } = writer(ws)
    w.write(frame('x'))
    ws.readyState = WebSocket.CLOSING
    await vi.waitFor(() => expect(w.buffered).toBe(0))
    ws.readyState = WebSocket.OPEN
    socket.destroy()
    w.write(frame('y'))
    await vi.waitFor(() => expect(w.buffered).toBe(0))
    expect(write).not.toHaveBeenCalled()
  })
})
