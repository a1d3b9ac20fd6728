// The outbox lifecycle: a send writes a pending row with a fresh cid and returns at once;
// every open socket gets the pending rows in order with their original cid; the server's
// echo (same cid, a seq) ends the row; forbidden/too_large fail it until retry or discard.
import { randomUUID } from 'node:crypto'
import type { Database } from 'better-sqlite3'
import type { SendFailure } from '../../../shared/bridge'
import type { ServerFrameOf } from '../../../shared/protocol'
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
  /** cids written to the current socket whose echo has not come yet. */
  private readonly inFlight = new Set<string>()
  private resendTimer: ReturnType<typeof setTimeout> | undefined

  constructor(
    private readonly db: Database,
    private readonly link: FrameLink,
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
   * still entering wait: flush() runs again when its `synced` arrives.
   */
  flush(): void {
    if (!this.link.isOpen) return
    for (const row of pendingOutbox(this.db)) {
      if (this.inFlight.has(row.cid) || !this.roomIsLive(row.roomId)) continue
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

  /** A message frame from this uid: if it carries one of our cids, the row is done. */
  applyEcho(cid: string, fx: BatchEffects, roomId: string): void {
    this.inFlight.delete(cid)
    if (removeFromOutbox(this.db, cid)) fx.touch(roomId, 'outbox')
  }

  /** Handles an error whose ref is one of our cids; false if it is about something else. */
  applyError(f: ServerFrameOf<'error'>, fx: BatchEffects): boolean {
    const row = f.ref === undefined ? undefined : getOutboxRow(this.db, f.ref)
    if (!row) return false
    this.inFlight.delete(row.cid)
    if (PERMANENT.has(f.code)) {
      if (markOutboxFailed(this.db, row.cid, f.code as SendFailure)) fx.touch(row.roomId, 'outbox')
    } else if (f.code === 'unavailable' || f.code === 'rate_limited') {
      // Not stored: the same cid goes out again (PROTOCOL "v1 extras", unavailable).
      this.resendTimer ??= setTimeout(() => {
        this.resendTimer = undefined
        this.flush()
      }, RESEND_DELAY_MS)
    }
    // Anything else (not_in_room after a refused enter) waits for the next socket.
    return true
  }

  retry(cid: string): boolean {
    const changed = markOutboxPending(this.db, cid)
    this.flush()
    return changed
  }

  /** Drops the row; one already written to the socket may still be stored and echoed. */
  discard(cid: string): OutboxRow | undefined {
    this.inFlight.delete(cid)
    return removeFromOutbox(this.db, cid)
  }

  /** The socket is gone: whatever was in flight goes out again on the next one. */
  onClosed(): void {
    this.inFlight.clear()
    clearTimeout(this.resendTimer)
    this.resendTimer = undefined
  }
}
