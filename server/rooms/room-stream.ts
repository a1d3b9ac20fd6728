// One connection's ordered view of one room (docs/protocol.md "Order and delivery
// guarantees"): replay from a starting seq, then live messages strictly in seq order with no
// gap; live messages that arrive while a replay or a hole-fill runs wait behind it
// (seq-order.ts keeps that promise).
import type { StoredMessage } from '../store/types'
import type { WsFrame } from '../wire/ws-frame'
import { SeqOrder } from './seq-order'

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

export class RoomStream extends SeqOrder {
  protected readonly retryLimit = 5

  constructor(
    readonly roomId: string,
    public nickname: string,
    private readonly sink: RoomStreamSink,
  ) {
    // Live messages wait until the first replay is done.
    super({ held: true, last: 0 })
  }

  /** The last seq this connection was sent in the room. */
  get sentSeq(): number {
    return this.last!
  }

  /** A live message from the room's pipeline (already in seq order for this instance). */
  live(m: StoredMessage, frame: WsFrame): void {
    this.offer(m, frame)
  }

  /**
   * Sends every kept message with seq > max(start, sentSeq); returns what `synced` carries.
   * Live messages stay queued until `resume()`.
   */
  replay(start: number, latest: number): Promise<{ seq: number; truncated: boolean }> {
    return this.replayFrom(start, latest)
  }

  /** Ends a replay: queued live messages go out, holes filled from the store. */
  resume(): void {
    this.release()
  }

  protected emit(m: StoredMessage, frame?: WsFrame): void {
    this.sink.sendMessage(m, frame)
  }

  protected fetch(after: number, before: number | undefined, limit: number) {
    return this.sink.fetchMessages(this.roomId, after, before, limit)
  }

  protected gaveUp(err: unknown): void {
    this.sink.streamFailed(this.roomId, err)
  }
}
