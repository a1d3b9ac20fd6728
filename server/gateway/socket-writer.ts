// Coalesces the frames bound for one socket into one write. A write is a syscall that costs far
// more than the bytes in it (docs/benchmarks.md, "What the figures are made of"), so each frame
// is queued and a flush pass writes every socket's queue as one buffer. Every data frame a
// session sends goes through here, so their order is kept.
//
// Passes are paced by their own cost: after a pass that took D ms the next starts no sooner than
// 1.5 D ms after it ended, so flushing takes at most two fifths of the time. An idle server's
// pass takes microseconds and a message still leaves in the turn it was sent; a busy server's
// frames wait a little and share writes, which is what lets it keep up. A shorter wait spends
// the server on passes that carry little; a longer one costs latency (docs/benchmarks.md).
import type { Duplex } from 'node:stream'
import WebSocket from 'ws'
import type { WsFrame } from '../wire/ws-frame'

const dirty: SocketWriter[] = []
let scheduled = false
/** performance.now() before which the next pass does not start. */
let notBefore = 0
/** The wait after a pass, as a share of the pass's own duration. */
const PACE = 1.5

function schedule(): void {
  scheduled = true
  const wait = notBefore - performance.now()
  if (wait > 0) setTimeout(flushDirty, wait)
  else setImmediate(flushDirty)
}

function flushDirty(): void {
  const start = performance.now()
  scheduled = false
  for (const writer of dirty) writer.flush()
  dirty.length = 0
  const end = performance.now()
  notBefore = end + (end - start) * PACE
}

export class SocketWriter {
  /** What waits for the next pass; undefined after it, so an idle socket keeps no array. */
  private frames: WsFrame[] | undefined
  private bytes = 0

  constructor(
    private readonly socket: Duplex,
    /** The WebSocket over `socket`: once it is closing, nothing may follow its close frame. */
    private readonly ws: { readonly readyState: number },
  ) {}

  /** Bytes not yet taken by the kernel: queued here and in the socket's own buffer. */
  get buffered(): number {
    return this.bytes + this.socket.writableLength
  }

  write(frame: WsFrame): void {
    if (!this.frames) {
      this.frames = []
      dirty.push(this)
      if (!scheduled) schedule()
    }
    this.frames.push(frame)
    this.bytes += frame.length
  }

  /** Writes what is queued now; a close frame sent after this cannot overtake it. */
  flush(): void {
    const { frames } = this
    if (!frames) return
    const out = frames.length === 1 ? frames[0]! : Buffer.concat(frames, this.bytes)
    this.frames = undefined
    this.bytes = 0
    if (this.ws.readyState === WebSocket.OPEN && !this.socket.destroyed) this.socket.write(out)
  }
}
