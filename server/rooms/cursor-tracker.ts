// Read cursors advanced by delivery (docs/protocol.md: the cursor moves as messages are written
// to a socket), gathered in memory and written in one batch per interval so a delivery never
// waits on storage. What a batch holds still counts: `cursor` answers from it until it is saved,
// so an enter or a rooms list on this instance sees every advance made before it.
import type { Logger } from '../logger'
import type { ChatStore } from '../store/types'

const FLUSH_MS = 1000

/** roomId -> uid -> highest seq delivered. Two levels, not one joined key: this runs once
 *  per delivery, and a key built per call cost 130 ns against 45 for strings already hashed. */
type Advances = Map<string, Map<string, number>>

export class CursorTracker {
  private dirty: Advances = new Map()
  /** Batches being written, oldest first. */
  private saving: Advances[] = []
  /** The last flush; the next one starts after it, so a flush ends with every earlier batch. */
  private flushed: Promise<void> = Promise.resolve()
  private readonly timer: NodeJS.Timeout

  constructor(
    private readonly store: ChatStore,
    private readonly logger: Logger,
  ) {
    this.timer = setInterval(() => void this.flush(), FLUSH_MS)
    this.timer.unref()
  }

  delivered(uid: string, roomId: string, seq: number): void {
    raise(this.dirty, uid, roomId, seq)
  }

  /** The highest seq delivered here to uid in roomId and not known to be saved yet. */
  cursor(uid: string, roomId: string): number | undefined {
    let best = this.dirty.get(roomId)?.get(uid)
    for (const batch of this.saving) {
      const seq = batch.get(roomId)?.get(uid)
      if (seq !== undefined && (best === undefined || seq > best)) best = seq
    }
    return best
  }

  /** Writes every advance made so far; resolves once they (and earlier batches) are saved. */
  flush(): Promise<void> {
    const batch = this.dirty
    this.dirty = new Map()
    this.flushed = this.flushed.then(() => this.save(batch))
    return this.flushed
  }

  async close(): Promise<void> {
    clearInterval(this.timer)
    await this.flush()
  }

  private async save(batch: Advances): Promise<void> {
    if (batch.size === 0) return
    this.saving.push(batch)
    const entries: { uid: string; roomId: string; seq: number }[] = []
    for (const [roomId, room] of batch)
      for (const [uid, seq] of room) entries.push({ uid, roomId, seq })
    try {
      await this.store.advanceCursors(entries, { delivered: true })
    } catch (err) {
      // Best effort by design (docs/protocol.md); keep the batch for the next try.
      for (const e of entries) raise(this.dirty, e.uid, e.roomId, e.seq)
      this.logger.warn({ err: (err as Error).message }, 'read cursors not saved yet')
    } finally {
      this.saving.splice(this.saving.indexOf(batch), 1)
    }
  }
}

function raise(advances: Advances, uid: string, roomId: string, seq: number): void {
  let room = advances.get(roomId)
  if (!room) advances.set(roomId, (room = new Map()))
  const known = room.get(uid)
  if (known === undefined || seq > known) room.set(uid, seq)
}
