// The generator's WebSocket framing: server frames split anywhere, fragments, bad frames, masking.
import { describe, expect, it } from 'vitest'
import { FrameParser, Opcode, clientFrame, type FrameSink } from './frame-parser'

function serverFrame(opcode: number, payload: Buffer, fin = true): Buffer {
  const n = payload.length
  const head =
    n < 126
      ? Buffer.from([(fin ? 0x80 : 0) | opcode, n])
      : Buffer.from([(fin ? 0x80 : 0) | opcode, 126, n >> 8, n & 0xff])
  return Buffer.concat([head, payload])
}

function recorder() {
  const seen: string[] = []
  const sink: FrameSink = {
    text: (buf, start, end) => seen.push(`text:${buf.toString('utf8', start, end)}`),
    ping: (payload) => seen.push(`ping:${payload.toString()}`),
    close: (code) => seen.push(`close:${code}`),
    protocolError: (reason) => seen.push(`error:${reason}`),
  }
  return { seen, parser: new FrameParser(sink) }
}

describe('FrameParser', () => {
  it('hands over several frames of one chunk, in order', () => {
    const { seen, parser } = recorder()
    parser.push(
      Buffer.concat([
        serverFrame(Opcode.text, Buffer.from('a')),
        serverFrame(Opcode.text, Buffer.from('bc')),
      ]),
    )
    expect(seen).toEqual(['text:a', 'text:bc'])
  })

  it('reassembles frames split anywhere, 16-bit lengths included', () => {
    const { seen, parser } = recorder()
    const long = 'x'.repeat(300)
    const bytes = Buffer.concat([
      serverFrame(Opcode.text, Buffer.from(long)),
      serverFrame(Opcode.ping, Buffer.from('p')),
    ])
    for (let i = 0; i < bytes.length; i += 7) parser.push(bytes.subarray(i, i + 7))
    expect(seen).toEqual([`text:${long}`, 'ping:p'])
  })

  it('joins a fragmented text message and reports close codes', () => {
    const { seen, parser } = recorder()
    const code = Buffer.from([0x03, 0xe8])
    parser.push(
      Buffer.concat([
        serverFrame(Opcode.text, Buffer.from('he'), false),
        serverFrame(Opcode.continuation, Buffer.from('llo')),
        serverFrame(Opcode.close, code),
      ]),
    )
    expect(seen).toEqual(['text:hello', 'close:1000'])
  })

  it('stops at a masked or binary frame from the server', () => {
    const { seen, parser } = recorder()
    parser.push(Buffer.from([0x81, 0x81, 0, 0, 0, 0, 0x61]))
    parser.push(serverFrame(Opcode.text, Buffer.from('ignored')))
    expect(seen).toEqual(['error:masked frame from server'])
    const other = recorder()
    other.parser.push(serverFrame(Opcode.binary, Buffer.from('b')))
    expect(other.seen).toEqual(['error:unexpected opcode 2'])
  })
})

describe('clientFrame', () => {
  it('masks the payload with the key, as RFC 6455 5.3 asks', () => {
    const mask = Buffer.from([1, 2, 3, 4])
    const frame = clientFrame(Opcode.text, Buffer.from('abcde'), mask)
    expect([...frame.subarray(0, 6)]).toEqual([0x81, 0x85, 1, 2, 3, 4])
    const unmasked = frame.subarray(6).map((b, i) => b ^ mask[i & 3]!)
    expect(Buffer.from(unmasked).toString()).toBe('abcde')
  })

  it('uses the 16-bit length form from 126 bytes', () => {
    const frame = clientFrame(Opcode.text, Buffer.alloc(200), Buffer.alloc(4))
    expect([...frame.subarray(0, 4)]).toEqual([0x81, 0x80 | 126, 0, 200])
    expect(frame.length).toBe(4 + 4 + 200)
  })
})
