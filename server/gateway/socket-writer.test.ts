// Coalesced socket writes: one write per socket per turn, in order, flushed before a close.
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

describe('SocketWriter', () => {
  it('writes every frame of one event-loop turn in one write, in order', async () => {
    const { w, write, writes } = writer()
    w.write(frame('a'))
    w.write(frame('bb'))
    w.write(frame('c'))
    expect(write).not.toHaveBeenCalled()
    expect(w.buffered).toBe(3 + 4 + 3)
    await nextTurn()
    expect(write).toHaveBeenCalledTimes(1)
    expect(writes.join('')).toBe(
      Buffer.concat([frame('a'), frame('bb'), frame('c')]).toString('latin1'),
    )
    expect(w.buffered).toBe(0)
  })

  it('coalesces per socket, one flush for all sockets of the turn', async () => {
    const one = writer()
    const two = writer()
    one.w.write(frame('1'))
    two.w.write(frame('2'))
    one.w.write(frame('3'))
    await nextTurn()
    expect(one.write).toHaveBeenCalledTimes(1)
    expect(two.write).toHaveBeenCalledTimes(1)
    two.w.write(frame('4'))
    await nextTurn()
    expect(two.write).toHaveBeenCalledTimes(2)
  })

  it('flushes at once on demand (before a close frame), then goes on coalescing', async () => {
    const { w, write } = writer()
    w.write(frame('bye'))
    w.flush()
    expect(write).toHaveBeenCalledTimes(1)
    w.write(frame('later'))
    await nextTurn()
    expect(write).toHaveBeenCalledTimes(2)
  })

  it('drops what is queued once the WebSocket is closing or the socket is gone', async () => {
    const ws: { readyState: number } = { readyState: WebSocket.OPEN }
    const { w, socket, write } = writer(ws)
    w.write(frame('x'))
    ws.readyState = WebSocket.CLOSING
    await nextTurn()
    ws.readyState = WebSocket.OPEN
    socket.destroy()
    w.write(frame('y'))
    await nextTurn()
    expect(write).not.toHaveBeenCalled()
  })
})
