// One room as this instance sees it: its local members, the cached global counts, and the
// pipeline that hands messages to members in seq order (seq-order.ts), filling holes left by
// racing publishes of several instances from the store.
import type { Logger } from '../logger'
import type { RoomCounts, StoredMessage } from '../store/types'
import { messageFrame } from '../wire/frames'
import { textFrame, type WsFrame } from '../wire/ws-frame'
import { SeqOrder } from './seq-order'

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

export class LocalRoom extends SeqOrder {
  readonly members = new Map<string, RoomMember>()
  counts: RoomCounts = { num: 0, users: 0 }
  // Each member's stream fills its own holes and retries: the room does not hold them all up.
  protected readonly retryLimit = 0

  constructor(
    readonly id: string,
    private readonly read: FetchRange,
    private readonly logger: Logger,
  ) {
    super({ held: false })
  }

  /** Sets where live delivery starts (the latest seq when the room was opened here). */
  start(latest: number): void {
    this.startAt(latest)
  }

  /** A message stored here or announced on the bus, in any order, maybe twice. */
  ingest(m: StoredMessage): void {
    this.offer(m)
  }

  /**
   * The store says the room has reached `latest`: whatever below it the bus never brought (an
   * announcement lost while this instance was resubscribing, say) is fetched and delivered.
   */
  catchUp(latest: number): void {
    this.reach(latest)
  }

  protected emit(m: StoredMessage): void {
    const frame = textFrame(messageFrame(m, this.counts.num))
    for (const member of this.members.values()) member.deliver(this.id, m, frame)
  }

  protected fetch(after: number, before: number | undefined, limit: number) {
    return this.read(this.id, after, before, limit)
  }

  protected gaveUp(err: unknown): void {
    this.logger.warn({ room: this.id, err: (err as Error).message }, 'room hole not filled')
    this.skipHole()
  }
}
