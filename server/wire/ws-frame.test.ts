// Pre-built WebSocket frames: every length form of text, and the ping, read back as RFC 6455 says.
import { describe, expect, it } from 'vitest'
import { PING_FRAME, textFrame } from './ws-frame'

// RFC 6455 5.2: 7-bit length, or 126 + 16-bit, or 127 + 64-bit; server frames are unmasked.
function parse(frame: Buffer): { fin: boolean; opcode: number; text: string } {
  const short = frame[1]! & 0x7f
  expect(frame[1]! & 0x80).toBe(0)
  const [length, start] =
    short === 126
      ? [frame.readUInt16BE(2), 4]
      : short === 127
        ? [Number(frame.readBigUInt64BE(2)), 10]
        : [short, 2]
  expect(frame.length).toBe(start + length)
  return {
    fin: (frame[0]! & 0x80) !== 0,
    opcode: frame[0]! & 0x0f,
    text: frame.toString('utf8', start),
  }
}

describe('textFrame', () => {
  it.each([0, 5, 125, 126, 65_535, 65_536, 200_000])('frames %i bytes of text', (n) => {
    const text = 'é'.repeat(Math.floor(n / 2)) + 'x'.repeat(n % 2)
    expect(Buffer.byteLength(text)).toBe(n)
    expect(parse(textFrame(text))).toEqual({ fin: true, opcode: 1, text })
  })
})

describe('PING_FRAME', () => {
  it('is a final ping with no payload, which clients answer with a pong', () => {
    expect(parse(PING_FRAME)).toEqual({ fin: true, opcode: 9, text: '' })
  })
})
