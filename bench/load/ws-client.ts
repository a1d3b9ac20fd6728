// A lean WebSocket client for the load generator: the HTTP upgrade, masked sends and the frame
// parser over a plain TCP socket. The `ws` client costs a few microseconds per received frame,
// which at 400k deliveries/s would make the generator, not the server, the bottleneck.
import { createHash, randomBytes, randomFillSync } from 'node:crypto'
import { connect, type Socket } from 'node:net'
import { FrameParser, Opcode, clientFrame } from './frame-parser'

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11'
const HANDSHAKE_TIMEOUT_MS = 15_000
const MAX_RESPONSE_HEAD = 16 * 1024

export interface SocketEvents {
  /**
   * A text message as buf[start, end); `nowUs` is when its TCP chunk was read. `socket` is given
   * because frames that came with the handshake response arrive before `open` has resolved.
   */
  text(buf: Buffer, start: number, end: number, nowUs: number, socket: LoadSocket): void
  /** A WebSocket ping; the pong has been sent already. */
  pinged(): void
  /** The socket closed after it had opened; `code` from the close frame, else 1006. */
  closed(code: number, reason: string): void
}

export interface OpenOptions {
  port: number
  path: string
  headers: Record<string, string>
  subprotocol?: string
}

/** Microseconds on a clock every thread of this process shares (wall time, sub-ms precision). */
export function nowUs(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1000)
}

export class LoadSocket {
  private readonly mask = Buffer.alloc(4)
  private open = true
  private constructor(
    private readonly socket: Socket,
    events: SocketEvents,
    head: Buffer,
  ) {
    let closeCode = 1006
    const parser = new FrameParser({
      text: (buf, start, end) => events.text(buf, start, end, chunkAt, this),
      ping: (payload) => {
        this.write(Opcode.pong, payload)
        events.pinged()
      },
      close: (code) => {
        closeCode = code
        this.socket.end()
      },
      protocolError: (reason) => {
        closeCode = 1002
        events.closed(1002, reason)
        this.socket.destroy()
      },
    })
    // Every frame of one TCP read arrived at the same moment: one clock read per chunk.
    let chunkAt = 0
    socket.on('data', (chunk: Buffer) => {
      chunkAt = nowUs()
      parser.push(chunk)
    })
    socket.on('close', () => {
      const wasOpen = this.open
      this.open = false
      if (wasOpen && closeCode !== 1002) events.closed(closeCode, 'closed')
    })
    if (head.length > 0) {
      chunkAt = nowUs()
      parser.push(head)
    }
  }

  static open(o: OpenOptions, events: SocketEvents): Promise<LoadSocket> {
    return new Promise((resolve, reject) => {
      const key = randomBytes(16).toString('base64')
      const socket = connect({ host: '127.0.0.1', port: o.port })
      socket.setNoDelay(true)
      const timer = setTimeout(() => fail(new Error('handshake timed out')), HANDSHAKE_TIMEOUT_MS)
      let head = Buffer.alloc(0)
      const fail = (err: Error) => {
        clearTimeout(timer)
        socket.destroy()
        reject(err)
      }
      const onData = (chunk: Buffer) => {
        head = Buffer.concat([head, chunk])
        const end = head.indexOf('\r\n\r\n')
        if (end < 0) {
          if (head.length > MAX_RESPONSE_HEAD) fail(new Error('handshake response too long'))
          return
        }
        clearTimeout(timer)
        socket.off('data', onData)
        socket.off('error', fail)
        const problem = checkResponse(head.subarray(0, end).toString('latin1'), key)
        if (problem) return fail(new Error(problem))
        socket.on('error', () => socket.destroy())
        resolve(new LoadSocket(socket, events, head.subarray(end + 4)))
      }
      socket.on('data', onData)
      socket.once('error', fail)
      socket.once('connect', () => {
        const lines = [
          `GET ${o.path} HTTP/1.1`,
          `Host: 127.0.0.1:${o.port}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          `Sec-WebSocket-Key: ${key}`,
          'Sec-WebSocket-Version: 13',
          ...(o.subprotocol ? [`Sec-WebSocket-Protocol: ${o.subprotocol}`] : []),
          ...Object.entries(o.headers).map(([k, v]) => `${k}: ${v}`),
        ]
        socket.write(`${lines.join('\r\n')}\r\n\r\n`)
      })
    })
  }

  get isOpen(): boolean {
    return this.open
  }

  sendText(text: string): void {
    this.write(Opcode.text, Buffer.from(text))
  }

  destroy(): void {
    this.open = false
    this.socket.destroy()
  }

  private write(opcode: number, payload: Buffer): void {
    if (this.socket.destroyed) return
    randomFillSync(this.mask)
    this.socket.write(clientFrame(opcode, payload, this.mask))
  }
}

function checkResponse(head: string, key: string): string | undefined {
  const [status, ...lines] = head.split('\r\n')
  const code = /^HTTP\/1\.1 (\d{3})/.exec(status ?? '')?.[1]
  if (code !== '101') return `HTTP ${code ?? '?'} instead of 101`
  const accept = createHash('sha1')
    .update(key + GUID)
    .digest('base64')
  const header = lines.find((l) => /^sec-websocket-accept:/i.test(l))
  if (header?.split(':')[1]?.trim() !== accept) return 'bad Sec-WebSocket-Accept'
  return undefined
}
