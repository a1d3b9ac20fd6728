// One connection's ordered view of one room (PROTOCOL "Ordering, durability, offline
// delivery"): replay from a starting seq, then live messages strictly in seq order with no
// gap; live messages that arrive while a replay or a hole-fill runs wait behind it.
import type { StoredMessage } from '../store/types'
import type { WsFrame } from '../wire/ws-frame'

const PAGE = 500
const RETRY_MS = 1000
const MAX_RETRIES = 5

export interface RoomStreamSink {
  /** Writes a message frame; `frame` is the prebuilt broadcast frame when there is one. */
  sendMessage(message: StoredMessage, frame?: WsFrame): void
  /** Reads kept messages with seq > after (and < before), ascending. */
  fetchMessages(
    roomId: string,
    after: number,
    before: number | undefined,
    limit: number,
  ): Promise<StoredMessage[]>
  /** A hole could not be filled after retries: the connection cannot keep its promise. */
  streamFailed(roomId: string, err: unknown): void
}

export class RoomStream {
  /** The last seq this connection was sent in the room. */
  sentSeq = 0
  private catchingUp = true
  /** Live messages waiting behind a replay or a hole; undefined when none wait. */
  private pending: StoredMessage[] | undefined
  private retries = 0

  constructor(
    readonly roomId: string,
    public nickname: string,
    private readonly sink: RoomStreamSink,
  ) {}

  /** A live message from the room's pipeline (already in seq order for this instance). */
  live(m: StoredMessage, frame: WsFrame): void {
    if (this.catchingUp) {
      ;(this.pending ??= []).push(m)
    } else if (m.seq === this.sentSeq + 1) {
      this.sink.sendMessage(m, frame)
      this.sentSeq = m.seq
    } else if (m.seq > this.sentSeq) {
      ;(this.pending ??= []).push(m)
      this.catchingUp = true
      void this.drain()
    }
  }

  /**
   * Sends every kept message with seq > max(start, sentSeq); returns what `synced` carries.
   * Live messages stay queued until `resume()`.
   */
  async replay(start: number, latest: number): Promise<{ seq: number; truncated: boolean }> {
    this.catchingUp = true
    let after = Math.max(start, this.sentSeq)
    let truncated = false
    let first = true
    for (;;) {
      const page = await this.sink.fetchMessages(this.roomId, after, undefined, PAGE)
      if (first && page.length > 0 && page[0]!.seq > after + 1) truncated = true
      first = false
      for (const m of page) this.sink.sendMessage(m)
      if (page.length > 0) after = page[page.length - 1]!.seq
      if (page.length < PAGE) break
    }
    this.sentSeq = Math.max(this.sentSeq, Math.min(after, Math.max(latest, this.sentSeq)))
    return { seq: this.sentSeq, truncated }
  }

  /** Ends a replay: queued live messages go out, holes filled from the store. */
  resume(): void {
    void this.drain()
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending && this.pending.length > 0) {
        this.pending.sort((a, b) => a.seq - b.seq)
        const next = this.pending[0]!
        if (next.seq <= this.sentSeq) {
          this.pending.shift()
        } else if (next.seq === this.sentSeq + 1) {
          this.pending.shift()
          this.sink.sendMessage(next)
          this.sentSeq = next.seq
        } else {
          await this.fillHole(next.seq)
        }
      }
      // Shifting keeps an array's capacity: let it go with the backlog.
      this.pending = undefined
      this.catchingUp = false
      this.retries = 0
    } catch (err) {
      if (++this.retries > MAX_RETRIES) return this.sink.streamFailed(this.roomId, err)
      setTimeout(() => void this.drain(), RETRY_MS).unref()
    }
  }

  private async fillHole(before: number): Promise<void> {
    const missing = await this.sink.fetchMessages(this.roomId, this.sentSeq, before, PAGE)
    // Retention may have trimmed part or all of the hole: nothing can be sent for that part.
    const first = missing[0]
    if (!first) this.sentSeq = before - 1
    else if (first.seq > this.sentSeq + 1) this.sentSeq = first.seq - 1
    for (const m of missing) {
      if (m.seq !== this.sentSeq + 1) break
      this.sink.sendMessage(m)
      this.sentSeq = m.seq
    }
  }
}
