// The server's heartbeat (PROTOCOL "Heartbeat"), after ws's isAlive pattern: each connection is
// visited once per interval; one silent since its previous visit is terminated, the rest pinged.
// The visits are spread over the interval in slices: pinging every socket in one turn held every
// delivery behind thousands of writes (docs/benchmarks.md: the many-rooms p99 was the heartbeat's).
export const HEARTBEAT_SLICES = 16

export interface Heartbeating {
  alive: boolean
  /** The slice of the interval that visits this connection, 0 to HEARTBEAT_SLICES - 1. */
  readonly heartbeatSlot: number
  ping(): void
  terminate(): void
}

/** Visits the connections of one slice. */
export function heartbeatTick(connections: Iterable<Heartbeating>, slice: number): void {
  for (const c of connections) {
    if (c.heartbeatSlot !== slice) continue
    if (!c.alive) {
      c.terminate()
      continue
    }
    c.alive = false
    c.ping()
  }
}

/** Visits one slice every intervalMs / HEARTBEAT_SLICES; `onInterval` runs once per interval. */
export function startHeartbeat(
  intervalMs: number,
  connections: Iterable<Heartbeating>,
  onInterval: () => void,
): () => void {
  let slice = 0
  const timer = setInterval(() => {
    heartbeatTick(connections, slice)
    if (slice === 0) onInterval()
    slice = (slice + 1) % HEARTBEAT_SLICES
  }, intervalMs / HEARTBEAT_SLICES)
  return () => clearInterval(timer)
}
