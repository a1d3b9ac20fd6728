// How a bus event travels on a room's Redis channel, `<origin instance id>|<event JSON>`: written
// by the Redis bus and by the append script alike, so that an instance skips its own events
// by their prefix, before any parsing.
import type { BusEvent } from '../../bus/types'

const SEPARATOR = '|'

export interface BusPayloads {
  /**
   * A message event's payload is messageHead + the stored message's JSON + messageTail: the
   * append script has only that JSON when it announces what it stored.
   */
  readonly messageHead: string
  readonly messageTail: string
  /** The payload of an event this instance publishes. */
  encode(event: BusEvent): string
  /** The event of a payload, or undefined when this instance published it (left unparsed). */
  decode(payload: string): BusEvent | undefined
}

export function busPayloads(instanceId: string): BusPayloads {
  // Another instance's id must never start with ours followed by the separator.
  if (instanceId.includes(SEPARATOR)) throw new Error(`instance id contains '${SEPARATOR}'`)
  const origin = instanceId + SEPARATOR
  const messageHead = `${origin}{"type":"message","message":`
  const messageTail = '}'
  return {
    messageHead,
    messageTail,
    encode: (event) =>
      event.type === 'message'
        ? messageHead + JSON.stringify(event.message) + messageTail
        : origin + JSON.stringify(event),
    decode: (payload) =>
      payload.startsWith(origin)
        ? undefined
        : (JSON.parse(payload.slice(payload.indexOf(SEPARATOR) + 1)) as BusEvent),
  }
}
