// Routes a valid frame of an authenticated connection (or an auth frame) to its handler.
import type { ClientFrame } from '../../../src/shared/protocol'
import type { Session } from '../session'
import { handleAck } from './ack'
import { handleAuth } from './auth'
import { handleEnter } from './enter'
import { handleHistory } from './history'
import { handleForget, handleLeave } from './leave'
import { handleMessage } from './message'
import { handleRooms } from './rooms'

export function handleFrame(s: Session, frame: ClientFrame, ref: string): Promise<void> | void {
  switch (frame.event) {
    case 'auth':
      return handleAuth(s, frame)
    case 'enter':
      return handleEnter(s, frame, ref)
    case 'leave':
      return handleLeave(s, frame, ref)
    case 'forget':
      return handleForget(s, frame, ref)
    case 'message':
      return handleMessage(s, frame, ref)
    case 'ack':
      return handleAck(s, frame, ref)
    case 'history':
      return handleHistory(s, frame, ref)
    case 'rooms':
      return handleRooms(s, ref)
    case 'heartbeat':
      return
  }
}
