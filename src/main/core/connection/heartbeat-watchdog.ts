// Declares the server dead when no heartbeat ping arrived for 2 × the interval announced in
// `auth ok` (PROTOCOL "Heartbeat"). Plain timers, so fake timers drive it in tests.
export class HeartbeatWatchdog {
  private timer: ReturnType<typeof setTimeout> | undefined
  private deadlineMs = 0

  constructor(private readonly onDead: () => void) {}

  /** Arms the watchdog for a connection whose server pings every intervalMs. */
  start(intervalMs: number): void {
    this.stop()
    this.deadlineMs = 2 * intervalMs
    this.timer = setTimeout(this.fire, this.deadlineMs)
  }

  /** A ping arrived: the deadline starts over. */
  beat(): void {
    // refresh() reuses the timer instead of allocating one per ping.
    this.timer?.refresh()
  }

  stop(): void {
    clearTimeout(this.timer)
    this.timer = undefined
  }

  private readonly fire = (): void => {
    this.timer = undefined
    this.onDead()
  }
}
