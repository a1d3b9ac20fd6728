// The load generator's WebSocket client against a server that sends frames in the same write as
// its handshake response, as Parley may when a heartbeat falls right after the upgrade.
import { createHash } from 'node:crypto'
import { createServer, type Server } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { LoadSocket } from './ws-client'

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11'
let server: Server | undefined

afterEach(
  () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
)

/** Answers the upgrade and a first text frame in one write; collects what the client sends. */
function eagerServer(firstText: string): Promise<{ port: number; received: Promise<Buffer> }> {
  let gotData!: (b: Buffer) => void
  const received = new Promise<Buffer>((resolve) => (gotData = resolve))
  server = createServer((socket) => {
    let head = ''
    socket.on('data', (chunk: Buffer) => {
      if (head.includes('\r\n\r\n')) return gotData(chunk)
      head += chunk.toString('latin1')
      if (!head.includes('\r\n\r\n')) return
      const key = /sec-websocket-key: (\S+)/i.exec(head)![1]!
      const accept = createHash('sha1')
        .update(key + GUID)
        .digest('base64')
      const frame = Buffer.concat([Buffer.from([0x81, firstText.length]), Buffer.from(firstText)])
      socket.write(
        Buffer.concat([
          Buffer.from(
            'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
              `Sec-WebSocket-Accept: ${accept}\r\n\r\n`,
          ),
          frame,
        ]),
      )
    })
  })
  return new Promise((resolve) =>
    server!.listen(0, '127.0.0.1', () => {
      const address = server!.address()
      resolve({ port: typeof address === 'object' && address ? address.port : 0, received })
    }),
  )
}

describe('LoadSocket', () => {
  it('hands over frames that came with the handshake, and can answer them at once', async () => {
    const { port, received } = await eagerServer('ping')
    const texts: string[] = []
    const socket = await LoadSocket.open(
      { port, path: '/', headers: {} },
      {
        text: (buf, start, end, _now, from) => {
          texts.push(buf.toString('utf8', start, end))
          from.sendText('pong')
        },
        pinged: () => {},
        closed: () => {},
      },
    )
    expect(texts).toEqual(['ping'])
    const reply = await received
    // A masked client text frame: FIN + text, mask bit + length 4, 4 mask bytes, payload.
    expect(reply[0]).toBe(0x81)
    expect(reply[1]).toBe(0x80 | 4)
    const unmasked = reply.subarray(6, 10).map((b, i) => b ^ reply[2 + i]!)
    expect(Buffer.from(unmasked).toString()).toBe('pong')
    socket.destroy()
  })
})
