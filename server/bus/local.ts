// The in-process Bus: one server instance, so publishing is handing the event to our own listener.
import { eventRoomId } from './event-room'
import type { Bus, BusEvent, BusListener } from './types'

export function createLocalBus(): Bus {
  const rooms = new Set<string>()
  let listener: BusListener | undefined

  // Never inside publish(): the gateway publishes while handling a frame and must not be
  // re-entered by its own event. Microtasks run in queue order, so publish order is kept.
  const deliver = (event: BusEvent) => {
    if (rooms.has(eventRoomId(event))) listener?.(event)
  }

  return {
    async subscribe(roomId) {
      rooms.add(roomId)
    },
    async unsubscribe(roomId) {
      rooms.delete(roomId)
    },
    async publish(event) {
      queueMicrotask(() => deliver(event))
    },
    onEvent(next) {
      listener = next
    },
    async close() {
      rooms.clear()
      listener = undefined
    },
  }
}
