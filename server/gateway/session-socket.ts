// Ties a session to its WebSocket the way ws ties its own objects together: a symbol property,
// and listeners shared by every socket that find their session through it, instead of closures
// per connection (docs/benchmarks.md: what an idle connection keeps).
import type WebSocket from 'ws'
import type { Session } from './session'

const kSession = Symbol('session')

interface SessionSocket extends WebSocket {
  [kSession]: Session
}

/** Makes `session` the one `ws` reports to: its frames and pongs go to the session. */
export function attachSession(ws: WebSocket, session: Session): void {
  ;(ws as SessionSocket)[kSession] = session
  ws.on('message', onMessage)
  ws.on('pong', onPong)
}

/** The session of a socket given to attachSession. */
export function sessionOf(ws: WebSocket): Session {
  return (ws as SessionSocket)[kSession]
}

function onMessage(this: WebSocket, data: WebSocket.RawData, isBinary: boolean): void {
  sessionOf(this).receive(data, isBinary)
}

function onPong(this: WebSocket): void {
  sessionOf(this).alive = true
}
