// The server's heartbeat (PROTOCOL "Heartbeat"), after ws's isAlive pattern: each tick
// terminates connections silent since the previous tick and pings the rest.
export interface Heartbeating {
  alive: boolean
  ping(): void
  terminate(): void
}

export function heartbeatTick(connections: Iterable<Heartbeating>): void {
  for (const c of connections) {
    if (!c.alive) {
      c.terminate()
      continue
    }
    c.alive = false
    c.ping()
  }
}

export function startHeartbeat(intervalMs: number, tick: () => void): () => void {
  const timer = setInterval(tick, intervalMs)
  return () => clearInterval(timer)
}
