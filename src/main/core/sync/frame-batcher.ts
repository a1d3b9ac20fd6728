// Groups the frames that arrive together (one TCP read often carries hundreds during a
// replay) so each group is stored in one SQLite transaction.
import type { ServerFrame } from '../../../shared/protocol'

/** A cap keeps one transaction, and the event loop stall it causes, short. */
export const MAX_BATCH = 2000

export class FrameBatcher {
  private frames: ServerFrame[] = []
  private scheduled: ReturnType<typeof setImmediate> | undefined

  constructor(private readonly handle: (frames: ServerFrame[]) => void) {}

  push(frame: ServerFrame): void {
    this.frames.push(frame)
    if (this.frames.length >= MAX_BATCH) this.flush()
    else this.scheduled ??= setImmediate(this.flush)
  }

  /** Handles what is queued now, e.g. before the socket's close is acted on. */
  readonly flush = (): void => {
    clearImmediate(this.scheduled)
    this.scheduled = undefined
    if (this.frames.length === 0) return
    const batch = this.frames
    this.frames = []
    this.handle(batch)
  }

  clear(): void {
    clearImmediate(this.scheduled)
    this.scheduled = undefined
    this.frames = []
  }
}
