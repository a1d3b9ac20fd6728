// The socket-to-session glue: each socket's shared listeners reach that socket's own session.
import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import type WebSocket from 'ws'
import type { Session } from './session'
import { attachSession, sessionOf } from './session-socket'

function pair() {
  const ws = new EventEmitter() as unknown as WebSocket
  const session = { alive: false, receive: vi.fn() }
  attachSession(ws, session as unknown as Session)
  return { ws, session }
}

describe('attachSession', () => {
  it('hands each socket its own session, frames and pongs included', () => {
    const one = pair()
    const two = pair()
    expect(sessionOf(one.ws)).toBe(one.session)
    expect(sessionOf(two.ws)).toBe(two.session)
    const data = Buffer.from('{"event":"heartbeat"}')
    one.ws.emit('message', data, false)
    expect(one.session.receive).toHaveBeenCalledWith(data, false)
    expect(two.session.receive).not.toHaveBeenCalled()
    two.ws.emit('pong')
    expect(two.session.alive).toBe(true)
    expect(one.session.alive).toBe(false)
  })

  it('adds the same listener functions to every socket, no closure per connection', () => {
    const one = pair()
    const two = pair()
    expect(one.ws.listeners('message')[0]).toBe(two.ws.listeners('message')[0])
    expect(one.ws.listeners('pong')[0]).toBe(two.ws.listeners('pong')[0])
  })
})
