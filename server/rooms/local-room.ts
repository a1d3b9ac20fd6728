// One room as this instance sees it: its local members, the cached global counts, and the
// pipeline that hands messages to members in seq order, filling holes left by racing
// publishes of several instances from the store (PROTOCOL: "filling a hole from the store").
import type { Logger } from '../logger'
import type { RoomCounts, StoredMessage } from '../store/types'
import { messageFrame } from '../wire/frames'
import { textFrame, type WsFrame } from '../wire/ws-frame'

const PAGE = 500

export interface RoomMember {
  readonly connId: string
  readonly uid: string
  /** The nickname this connection shows in the room. */
  nickname(roomId: string): string
  /** A live message, in seq order for this room; `frame` is the framed broadcast. */
  deliver(roomId: string, message: StoredMessage, frame: WsFrame): void
  /** A frame for this member; a broadcast comes framed once for every member. */
  sendText(frame: string | WsFrame): void
  /** The uid forgot the room (maybe on another connection): leave it without a reply. */
  dropRoom(roomId: string): void
}

export type FetchRange = (
  roomId: string,
  after: number,
  before: number | undefined,
  limit: number,
) => Promise<StoredMessage[]>

export class LocalRoom {
  readonly members = new Map<string, RoomMember>()
  counts: RoomCounts = { num: 0, users: 0 }
  /** The last seq handed to members; undefined until the room's start is read. */
  private lastSeq: number | undefined
  private pending: StoredMessage[] = []
  /** The highest seq the store has reported for the room (catchUp). */
  private reported = 0
  private filling = false

  constructor(
    readonly id: string,
    private readonly fetch: FetchRange,
    private readonly logger: Logger,
  ) {}

  /** Sets where live delivery starts (the latest seq when the room was opened here). */
  start(latest: number): void {
    this.lastSeq = latest
    void this.fill()
  }

  ingest(m: StoredMessage): void {
    if (this.lastSeq === undefined || this.filling) {
      this.pending.push(m)
    } else if (m.seq === this.lastSeq + 1) {
      this.deliver(m)
    } else if (m.seq > this.lastSeq) {
      this.pending.push(m)
      void this.fill()
    }
  }

  /**
   * The store says the room has reached `latest`: whatever below it the bus never brought (an
   * announcement lost while this instance was resubscribing, say) is fetched and delivered.
   */
  catchUp(latest: number): void {
    if (this.lastSeq === undefined || latest <= this.lastSeq) return
    this.reported = Math.max(this.reported, latest)
    void this.fill()
  }

  private deliver(m: StoredMessage): void {
    this.lastSeq = m.seq
    const frame = textFrame(messageFrame(m, this.counts.num))
    for (const member of this.members.values()) member.deliver(this.id, m, frame)
  }

  private async fill(): Promise<void> {
    if (this.filling || this.lastSeq === undefined) return
    this.filling = true
    try {
      while (this.pending.length > 0 || this.lastSeq < this.reported) {
        if (this.pending.length === 0) {
          await this.fillHole(this.reported + 1)
          continue
        }
        this.pending.sort((a, b) => a.seq - b.seq)
        const next = this.pending[0]!
        if (next.seq <= this.lastSeq) this.pending.shift()
        else if (next.seq === this.lastSeq + 1) this.deliver(this.pending.shift()!)
        else await this.fillHole(next.seq)
      }
    } catch (err) {
      // Each member's stream fills its own holes; hand over what we have rather than stall.
      this.logger.warn({ room: this.id, err: (err as Error).message }, 'room hole not filled')
      for (const m of this.pending.splice(0)) this.deliver(m)
    } finally {
      this.filling = false
    }
  }

  private async fillHole(before: number): Promise<void> {
    const missing = await this.fetch(this.id, this.lastSeq!, before, PAGE)
    for (const m of missing) if (m.seq > this.lastSeq!) this.deliver(m)
    // Whatever is still missing below `before` is no longer kept.
    if (this.lastSeq! < before - 1 && missing.length < PAGE) this.lastSeq = before - 1
  }
}
