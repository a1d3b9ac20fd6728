// The Bus contract: fan-out of stored room events to every server instance that has sockets
// in the room. Local (one process) and Redis pub/sub (many) implement it.
import type { PresenceEntry, RoomCounts, StoredMessage } from '../store/types'

export type BusEvent =
  | { type: 'message'; message: StoredMessage }
  | {
      type: 'enter'
      roomId: string
      /** entry.name is the nickname given at enter. */
      entry: PresenceEntry
      counts: RoomCounts
    }
  | { type: 'out'; roomId: string; entry: PresenceEntry; counts: RoomCounts }
  /** The uid ended its membership: every instance drops that uid's connections from the room. */
  | { type: 'forget'; roomId: string; uid: string }

export type BusListener = (event: BusEvent) => void

export interface Bus {
  /**
   * Starts receiving the room's events. Resolves once events published after that moment
   * are sure to be received.
   */
  subscribe(roomId: string): Promise<void>
  unsubscribe(roomId: string): Promise<void>
  /**
   * Sends to every other instance subscribed to the event's room. Whether this instance hears it
   * too is the bus's affair (the in-process bus, the only instance, hands it back; the Redis bus
   * skips it): RoomHub acts on its own events before publishing them.
   */
  publish(event: BusEvent): Promise<void>
  /** One listener per bus; events of rooms this instance subscribed to. */
  onEvent(listener: BusListener): void
  close(): Promise<void>
}
