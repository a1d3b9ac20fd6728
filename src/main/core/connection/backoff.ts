// Reconnect delays: exponential backoff with full jitter, so a fleet of clients that lost the
// same server does not come back in lockstep.
export interface BackoffOptions {
  /** Upper bound of the first delay. */
  baseMs?: number
  /** No delay is ever longer than this. */
  capMs?: number
  /** Uniform in [0, 1); injectable for tests. */
  random?: () => number
}

export const DEFAULT_BACKOFF = { baseMs: 500, capMs: 30_000 } as const

export class Backoff {
  private failures = 0
  private readonly baseMs: number
  private readonly capMs: number
  private readonly random: () => number

  constructor(options: BackoffOptions = {}) {
    this.baseMs = options.baseMs ?? DEFAULT_BACKOFF.baseMs
    this.capMs = options.capMs ?? DEFAULT_BACKOFF.capMs
    this.random = options.random ?? Math.random
  }

  /** Tries made since the last reset. */
  get attempts(): number {
    return this.failures
  }

  /** The delay before the next try: uniform in [0, min(cap, base × 2^tries)). */
  next(): number {
    // The exponent stops growing once the cap is reached, so 2^n never overflows.
    const ceiling = Math.min(this.capMs, this.baseMs * 2 ** Math.min(this.failures, 30))
    this.failures++
    return Math.floor(this.random() * ceiling)
  }

  reset(): void {
    this.failures = 0
  }
}
