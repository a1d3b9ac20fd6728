// Which room a bus event belongs to: both buses route by it.
import type { BusEvent } from './types'

export function eventRoomId(event: BusEvent): string {
  return event.type === 'message' ? event.message.roomId : event.roomId
}
