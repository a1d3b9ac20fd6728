// Coalesces the frames bound for one socket within one event-loop turn into one write. A write
// is a syscall that costs far more than the bytes in it (issue 4: the biggest lever), so each
// frame is queued and one setImmediate per turn flushes every socket that has something. Every
// data frame a session sends goes through here, so their order is kept.
import type { Duplex } from 'node:stream'
import WebSocket from 'ws'
import type { WsFrame } from '../wire/ws-frame'

const dirty: SocketWriter[] = []
let scheduled = false

function flushDirty(): void {
  scheduled = false
  for (const writer of dirty) writer.flush()
  dirty.length = 0
}

export class SocketWriter {
  /** What this turn queued; undefined between turns, so an idle socket keeps no array. */
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
      if (!scheduled) {
        scheduled = true
        setImmediate(flushDirty)
      }
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
