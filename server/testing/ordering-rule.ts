// Checks one connection's frames of one room against docs/protocol.md "Order and delivery
// guarantees": from an enter to the next leave, message frames come in strictly increasing
// seq with no gap, live ones wait behind the replay, and synced.seq is the last seq sent
// before it. A test marks where it sent `enter` and where a `leave` was known to be done by
// pushing ENTERED and LEFT frames into the frame log.
import type { Frame } from './client'

export const ENTERED = '#entered'
export const LEFT = '#left'

/** Every breach of the rule in `frames` for `roomId`, in words; empty when there is none. */
export function orderingViolations(frames: readonly Frame[], roomId: string): string[] {
  const found: string[] = []
  let inRoom = false
  /** The last seq sent in this stay in the room; undefined until the first message or synced. */
  let last: number | undefined
  frames.forEach((f, i) => {
    if (f.roomId !== roomId) return
    if (f.event === ENTERED) {
      if (!inRoom) last = undefined
      inRoom = true
    } else if (f.event === LEFT) {
      inRoom = false
    } else if (f.event === 'message') {
      if (!inRoom) found.push(`#${i}: message ${f.seq} outside the room`)
      else if (last !== undefined && f.seq !== last + 1)
        found.push(`#${i}: message ${f.seq} after ${last}`)
      last = f.seq as number
    } else if (f.event === 'synced') {
      if (last !== undefined && f.seq !== last) found.push(`#${i}: synced ${f.seq} after ${last}`)
      last = f.seq as number
    }
  })
  return found
}
