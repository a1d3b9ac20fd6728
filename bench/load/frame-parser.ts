// Incremental parser of the WebSocket frames a server sends (RFC 6455 section 5, unmasked):
// complete frames are handed over as views into the TCP chunk, so a delivery costs no copy.

export const Opcode = {
  continuation: 0x0,
  text: 0x1,
  binary: 0x2,
  close: 0x8,
  ping: 0x9,
  pong: 0xa,
} as const

export interface FrameSink {
  /** A whole text message, as buf[start, end); valid only during the call. */
  text(buf: Buffer, start: number, end: number): void
  ping(payload: Buffer): void
  close(code: number): void
  /** A frame this client does not expect (binary, masked, oversized): the caller closes. */
  protocolError(reason: string): void
}

/** Larger messages mean a broken server or protocol; the generator never sends any. */
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024

export class FrameParser {
  private rest: Buffer | undefined
  /** Fragments of a text message split over several frames (rare: servers here never do). */
  private fragments: Buffer[] = []
  private failed = false

  constructor(private readonly sink: FrameSink) {}

  push(chunk: Buffer): void {
    if (this.failed) return
    let buf = chunk
    if (this.rest) {
      buf = Buffer.concat([this.rest, chunk])
      this.rest = undefined
    }
    let at = 0
    while (at < buf.length) {
      const used = this.frame(buf, at)
      if (used === 0) break
      if (this.failed) return
      at += used
    }
    // Keep the partial frame; a copy, since the socket may reuse the chunk.
    if (at < buf.length) this.rest = Buffer.from(buf.subarray(at))
  }

  /** Handles one frame at buf[at]; returns its length, or 0 when it is not complete yet. */
  private frame(buf: Buffer, at: number): number {
    const avail = buf.length - at
    if (avail < 2) return 0
    const b0 = buf[at]!
    const b1 = buf[at + 1]!
    if (b1 & 0x80) return this.fail('masked frame from server')
    let length = b1 & 0x7f
    let header = 2
    if (length === 126) {
      if (avail < 4) return 0
      length = buf.readUInt16BE(at + 2)
      header = 4
    } else if (length === 127) {
      if (avail < 10) return 0
      length = buf.readUInt32BE(at + 2) * 0x1_0000_0000 + buf.readUInt32BE(at + 6)
      header = 10
    }
    if (length > MAX_MESSAGE_BYTES) return this.fail('frame too large')
    if (avail < header + length) return 0
    const start = at + header
    const end = start + length
    const fin = (b0 & 0x80) !== 0
    const opcode = b0 & 0x0f
    switch (opcode) {
      case Opcode.text:
        if (fin) this.sink.text(buf, start, end)
        else this.fragments = [Buffer.from(buf.subarray(start, end))]
        break
      case Opcode.continuation:
        this.fragments.push(Buffer.from(buf.subarray(start, end)))
        if (fin) {
          const whole = Buffer.concat(this.fragments)
          this.fragments = []
          this.sink.text(whole, 0, whole.length)
        }
        break
      case Opcode.ping:
        this.sink.ping(Buffer.from(buf.subarray(start, end)))
        break
      case Opcode.pong:
        break
      case Opcode.close:
        this.sink.close(length >= 2 ? buf.readUInt16BE(start) : 1005)
        break
      default:
        return this.fail(`unexpected opcode ${opcode}`)
    }
    return header + length
  }

  private fail(reason: string): number {
    this.failed = true
    this.sink.protocolError(reason)
    return 0
  }
}

/** A masked client frame (RFC 6455 5.3: every client frame is masked). */
export function clientFrame(opcode: number, payload: Buffer, mask: Buffer): Buffer {
  const length = payload.length
  const header = length < 126 ? 2 : length < 65536 ? 4 : 10
  const out = Buffer.allocUnsafe(header + 4 + length)
  out[0] = 0x80 | opcode
  if (header === 2) {
    out[1] = 0x80 | length
  } else if (header === 4) {
    out[1] = 0x80 | 126
    out.writeUInt16BE(length, 2)
  } else {
    out[1] = 0x80 | 127
    out.writeUInt32BE(Math.floor(length / 0x1_0000_0000), 2)
    out.writeUInt32BE(length >>> 0, 6)
  }
  mask.copy(out, header, 0, 4)
  const body = header + 4
  for (let i = 0; i < length; i++) out[body + i] = payload[i]! ^ mask[i & 3]!
  return out
}
