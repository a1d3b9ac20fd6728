// Paces outgoing frames under the server's per-connection token bucket (PROTOCOL "Limits":
// 10/s, burst 20), so a reconnect that enters many rooms and flushes the outbox is not
// answered with rate_limited. Slightly slower than the server, for clock and latency slack.
export interface PacerOptions {
  perSecond: number
  burst: number
}

export const DEFAULT_PACE: PacerOptions = { perSecond: 8, burst: 16 }

export class SendPacer {
  private tokens: number
  private refilledAt = Date.now()
  private readonly queue: string[] = []
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor(
    private readonly write: (text: string) => void,
    private readonly options: PacerOptions = DEFAULT_PACE,
  ) {
    this.tokens = options.burst
  }

  /** Writes now if a token is free, else queues behind earlier frames. */
  push(text: string): void {
    this.queue.push(text)
    this.drain()
  }

  clear(): void {
    this.queue.length = 0
    clearTimeout(this.timer)
    this.timer = undefined
  }

  private refill(): void {
    const now = Date.now()
    const earned = ((now - this.refilledAt) / 1000) * this.options.perSecond
    this.tokens = Math.min(this.options.burst, this.tokens + earned)
    this.refilledAt = now
  }

  private readonly drain = (): void => {
    this.timer = undefined
    this.refill()
    while (this.queue.length > 0 && this.tokens >= 1) {
      this.tokens--
      this.write(this.queue.shift() as string)
    }
    if (this.queue.length > 0 && !this.timer) {
      const waitMs = Math.ceil(((1 - this.tokens) / this.options.perSecond) * 1000)
      this.timer = setTimeout(this.drain, waitMs)
    }
  }
}
