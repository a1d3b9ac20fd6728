// Read cursors advanced by delivery (PROTOCOL: the cursor "advances as messages are
// delivered on an open socket"), gathered in memory and written in one batch per interval
// so a delivery never waits on storage.
import type { Logger } from '../logger'
import type { ChatStore } from '../store/types'

const FLUSH_MS = 1000

export class CursorTracker {
  private dirty = new Map<string, { uid: string; roomId: string; seq: number }>()
  private readonly timer: NodeJS.Timeout

  constructor(
    private readonly store: ChatStore,
    private readonly logger: Logger,
  ) {
    this.timer = setInterval(() => void this.flush(), FLUSH_MS)
    this.timer.unref()
  }

  delivered(uid: string, roomId: string, seq: number): void {
    const key = `${uid}\u0000${roomId}`
    const entry = this.dirty.get(key)
    if (entry) {
      if (seq > entry.seq) entry.seq = seq
    } else {
      this.dirty.set(key, { uid, roomId, seq })
    }
  }

  async flush(): Promise<void> {
    if (this.dirty.size === 0) return
    const batch = [...this.dirty.values()]
    this.dirty = new Map()
    try {
      await this.store.advanceCursors(batch)
    } catch (err) {
      // Best effort by design (PROTOCOL); keep the batch for the next try.
      for (const e of batch) this.delivered(e.uid, e.roomId, e.seq)
      this.logger.warn({ err: (err as Error).message }, 'read cursors not saved yet')
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer)
    await this.flush()
  }
}
