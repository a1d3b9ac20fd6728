// The one mechanism that hands a room's messages on strictly in seq order with no gap (docs/
// protocol.md "Order and delivery guarantees"): a message that jumps ahead waits while the
// missing range is read from the store, and reads never overlap, so nothing is handed on
// twice. The room's pipeline (local-room.ts) and each connection's stream (room-stream.ts)
// are both one of these; they differ only in what handing on means and what a failed read
// costs.
import type { StoredMessage } from '../store/types'
import type { WsFrame } from '../wire/ws-frame'

/** Messages per store read, for replays and holes alike. */
export const PAGE = 500
const RETRY_MS = 1000

export abstract class SeqOrder {
  /** The last seq handed on; undefined until `startAt`. */
  protected last: number | undefined
  /** Messages that cannot go yet (ahead of a hole, or while held); undefined when none wait. */
  private pending: StoredMessage[] | undefined
  /** The store said the room reached this seq (`reach`). */
  private target = 0
  /** While held (a replay), nothing is handed on but by the replay itself. */
  private held: boolean
  /** A loop reading holes runs; `filled` settles when it stops. */
  private filling = false
  private filled: Promise<void> | undefined
  private retries = 0
  private retryTimer: NodeJS.Timeout | undefined

  constructor(options: { held: boolean; last?: number }) {
    this.held = options.held
    this.last = options.last
  }

  /** Hands a message on (`frame`: its prebuilt broadcast frame, when there is one). */
  protected abstract emit(m: StoredMessage, frame?: WsFrame): void
  /** Reads kept messages with seq > after (and < before), ascending. */
  protected abstract fetch(
    after: number,
    before: number | undefined,
    limit: number,
  ): Promise<StoredMessage[]>
  /** How many times a failed read is tried again, RETRY_MS apart, before `gaveUp`. */
  protected abstract readonly retryLimit: number
  /** Reads kept failing: the hole ahead of `last` was not filled. */
  protected abstract gaveUp(err: unknown): void

  /** Sets where handing on starts, once. */
  protected startAt(last: number): void {
    this.last = last
    this.kick()
  }

  /** A message in; it goes now when it is the next one, else waits for its turn. */
  offer(m: StoredMessage, frame?: WsFrame): void {
    const last = this.last
    if (last !== undefined && m.seq <= last) return
    if (last !== undefined && m.seq === last + 1 && this.idle() && !this.pending) {
      this.last = m.seq
      this.emit(m, frame)
      return
    }
    ;(this.pending ??= []).push(m)
    this.kick()
  }

  /** The store says the room has reached `latest`: whatever below it never came is read. */
  reach(latest: number): void {
    if (this.last === undefined || latest <= this.last) return
    this.target = Math.max(this.target, latest)
    this.kick()
  }

  /**
   * Holds live messages and sends every kept message after max(start, last), once any read
   * already running is done. Returns the last seq sent (never a seq read before these reads:
   * a message stored since was sent by them) or, when none was, min(start, latest).
   */
  protected async replayFrom(
    start: number,
    latest: number,
  ): Promise<{ seq: number; truncated: boolean }> {
    this.held = true
    while (this.filling) await this.filled
    const from = Math.max(start, this.last ?? 0)
    let after = from
    let truncated = false
    for (;;) {
      const page = await this.fetch(after, undefined, PAGE)
      if (after === from && page.length > 0 && page[0]!.seq > after + 1) truncated = true
      for (const m of page) this.emit(m)
      if (page.length > 0) after = page[page.length - 1]!.seq
      if (page.length < PAGE) break
    }
    this.last = after > from ? after : Math.max(this.last ?? 0, Math.min(start, latest))
    return { seq: this.last, truncated }
  }

  /** Ends a hold: what waited goes out, holes read from the store first. */
  protected release(): void {
    this.held = false
    this.kick()
  }

  /** Gives up on the hole ahead: what waits goes on from the first waiting message. */
  protected skipHole(): void {
    const next = this.sortedPending()[0]
    if (next && this.last !== undefined) this.last = Math.max(this.last, next.seq - 1)
    this.target = Math.min(this.target, this.last ?? 0)
    this.kick()
  }

  private idle(): boolean {
    return !this.held && !this.filling && this.retryTimer === undefined
  }

  private kick(): void {
    if (!this.idle() || this.last === undefined) return
    if (!this.pending && this.last >= this.target) return
    this.filling = true
    this.filled = this.fill()
  }

  private sortedPending(): StoredMessage[] {
    if (!this.pending) return []
    this.pending.sort((a, b) => a.seq - b.seq)
    return this.pending
  }

  private async fill(): Promise<void> {
    let failure: unknown
    try {
      while (!this.held) {
        const pending = this.sortedPending()
        while (pending.length > 0 && pending[0]!.seq <= this.last!) pending.shift()
        const next = pending[0]
        if (next?.seq === this.last! + 1) {
          pending.shift()
          this.last = next.seq
          this.emit(next)
          continue
        }
        // Shifting keeps an array's capacity: let it go with the backlog.
        if (!next) this.pending = undefined
        const before = next ? next.seq : this.target > this.last! ? this.target + 1 : undefined
        if (before === undefined) break
        await this.fillHole(before)
      }
      this.retries = 0
    } catch (err) {
      failure = err ?? new Error('read failed')
    }
    this.filling = false
    if (failure !== undefined) this.failed(failure)
  }

  private async fillHole(before: number): Promise<void> {
    const after = this.last!
    const missing = await this.fetch(after, before, PAGE)
    // Retention may have trimmed part of the hole: what is kept goes on from there.
    for (const m of missing) {
      if (m.seq <= this.last!) continue
      this.last = m.seq
      this.emit(m)
    }
    if (missing.length < PAGE && this.last! < before - 1) this.last = before - 1
  }

  private failed(err: unknown): void {
    if (this.retries >= this.retryLimit) {
      this.retries = 0
      return this.gaveUp(err)
    }
    this.retries++
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined
      this.kick()
    }, RETRY_MS)
    this.retryTimer.unref()
  }
}
