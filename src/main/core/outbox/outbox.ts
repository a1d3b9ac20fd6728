// The outbox lifecycle: a send writes a pending row with a fresh cid and returns at once;
// every open socket gets the pending rows in order with their original cid; the server's
// echo (same cid, a seq) ends the row; forbidden/too_large fail it until retry or discard.
import { randomUUID } from 'node:crypto'
import type { Database } from 'better-sqlite3'
import type { SendFailure } from '../../../shared/bridge'
import type { ChatMessage, ServerFrameOf } from '../../../shared/protocol'
import type { FrameLink } from '../connection/connection'
import {
  addToOutbox,
  getOutboxRow,
  markOutboxFailed,
  markOutboxPending,
  pendingOutbox,
  removeFromOutbox,
} from '../db/outbox'
import type { OutboxRow } from '../db/types'
import type { BatchEffects } from '../sync/batch-effects'

/** A send refused for a passing reason (unavailable, rate_limited) goes out again after this. */
const RESEND_DELAY_MS = 3000

const PERMANENT: ReadonlySet<string> = new Set<SendFailure>(['forbidden', 'too_large'])

export class Outbox {
  /** cids written to the current socket and not to be written to it again. */
  private readonly inFlight = new Set<string>()
  /** cids refused for a passing reason: they, and the later rows of their room, wait. */
  private readonly waiting = new Set<string>()
  private resendTimer: ReturnType<typeof setTimeout> | undefined

  constructor(
    private readonly db: Database,
    private readonly link: FrameLink,
    private readonly myUid: string,
    /** A database failure in the resend timer, where no caller can catch it. */
    private readonly onTimerError: (err: unknown) => void,
    /** Whether the room has been entered on the current socket (a message needs presence). */
    private readonly roomIsLive: (roomId: string) => boolean,
  ) {}

  /** Writes the pending row (durable before this returns) and sends it if it can. */
  add(roomId: string, text: string): OutboxRow {
    const row = addToOutbox(this.db, { cid: randomUUID(), roomId, text, createdAt: Date.now() })
    this.flush()
    return row
  }

  /**
   * Sends every pending row not yet written to this socket, in outbox order. Rows of a room
   * still entering wait: flush() runs again when its `synced` arrives. Rows behind a waiting
   * row of their room wait with it, so the server stores a room's messages in send order.
   */
  flush(): void {
    if (!this.link.isOpen) return
    const held = new Set<string>()
    for (const row of pendingOutbox(this.db)) {
      if (this.waiting.has(row.cid)) held.add(row.roomId)
      if (held.has(row.roomId) || this.inFlight.has(row.cid) || !this.roomIsLive(row.roomId)) {
        continue
      }
      const sent = this.link.send({
        event: 'message',
        roomId: row.roomId,
        message: row.text,
        cid: row.cid,
      })
      if (!sent) return
      this.inFlight.add(row.cid)
    }
  }

  /**
   * A stored message, however it came (echo, repeat answer, replay, history): if it is ours
   * and carries one of our cids, the row is done, in the same transaction that stored it.
   */
  applyStored(m: ChatMessage, fx: BatchEffects): void {
    if (m.uid !== this.myUid || !m.cid) return
    this.inFlight.delete(m.cid)
    this.waiting.delete(m.cid)
    if (removeFromOutbox(this.db, m.cid)) fx.touch(m.roomId, 'outbox')
  }

  /**
   * Handles an error whose ref is one of our cids and returns that row; undefined if the
   * error is about something else. Every batch ends with a flush, so a row must not simply
   * be released: it would go out again at once, into the same refusal.
   */
  applyError(f: ServerFrameOf<'error'>, fx: BatchEffects): OutboxRow | undefined {
    const row = f.ref === undefined ? undefined : getOutboxRow(this.db, f.ref)
    if (!row) return undefined
    if (f.code === 'unavailable' || f.code === 'rate_limited') {
      // Not stored: the same cid goes out again later (PROTOCOL "v1 extras", unavailable).
      this.waiting.add(row.cid)
      this.resendTimer ??= setTimeout(this.resend, RESEND_DELAY_MS)
    } else if (PERMANENT.has(f.code)) {
      if (markOutboxFailed(this.db, row.cid, f.code as SendFailure)) fx.touch(row.roomId, 'outbox')
    } else if (f.code !== 'not_in_room') {
      // Any other refusal: this socket will not take the row, the next one may.
      return row
    }
    // After not_in_room the caller enters the room again; the row goes out once it is live.
    this.inFlight.delete(row.cid)
    return row
  }

  retry(cid: string): boolean {
    const changed = markOutboxPending(this.db, cid)
    this.flush()
    return changed
  }

  /** Drops the row; one already written to the socket may still be stored and echoed. */
  discard(cid: string): OutboxRow | undefined {
    this.inFlight.delete(cid)
    this.waiting.delete(cid)
    return removeFromOutbox(this.db, cid)
  }

  /** The socket is gone: whatever was in flight goes out again on the next one. */
  onClosed(): void {
    this.inFlight.clear()
    this.waiting.clear()
    clearTimeout(this.resendTimer)
    this.resendTimer = undefined
  }

  private readonly resend = (): void => {
    this.resendTimer = undefined
    this.waiting.clear()
    try {
      this.flush()
    } catch (err) {
      this.onTimerError(err)
    }
  }
}
