// Per-connection token bucket (PROTOCOL "Limits and close codes"): a frame takes a token; the
// 51st rejection within 10 s means the abuse goes on and the connection is closed.
const REJECTION_WINDOW_MS = 10_000
const REJECTIONS_BEFORE_CLOSE = 50

export type RateDecision = 'allow' | 'reject' | 'close'

export class RateLimiter {
  private tokens: number
  private last: number
  private readonly rejections: number[] = []

  constructor(
    private readonly perSec: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst
    this.last = now()
  }

  take(): RateDecision {
    const t = this.now()
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.perSec)
    this.last = t
    if (this.tokens >= 1) {
      this.tokens -= 1
      return 'allow'
    }
    while (this.rejections.length > 0 && this.rejections[0]! <= t - REJECTION_WINDOW_MS) {
      this.rejections.shift()
    }
    this.rejections.push(t)
    return this.rejections.length > REJECTIONS_BEFORE_CLOSE ? 'close' : 'reject'
  }
}
