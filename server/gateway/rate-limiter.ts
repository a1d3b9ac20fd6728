// Per-connection token bucket (PROTOCOL "Limits and close codes"): a frame takes a token; the
// 51st rejection within 10 s means the abuse goes on and the connection is closed.
const REJECTION_WINDOW_MS = 10_000
const REJECTIONS_BEFORE_CLOSE = 50

export type RateDecision = 'allow' | 'reject' | 'close'

export class RateLimiter {
  private tokens: number
  private last: number
  /** Times of the recent rejections; allocated at the first, as most connections have none. */
  private rejections: number[] | undefined

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
    const rejections = (this.rejections ??= [])
    while (rejections.length > 0 && rejections[0]! <= t - REJECTION_WINDOW_MS) rejections.shift()
    rejections.push(t)
    return rejections.length > REJECTIONS_BEFORE_CLOSE ? 'close' : 'reject'
  }
}
