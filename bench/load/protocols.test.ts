// Message stamps and how each protocol's frames are recognised by their first bytes.
import { describe, expect, it } from 'vitest'
import { bareWs, parley, sentAtUs, socketio, stampedText } from './protocols'

const kind = (p: typeof parley, text: string) => {
  const buf = Buffer.from(`__${text}`)
  return p.classify(buf, 2, buf.length)
}

describe('message stamps', () => {
  it('round-trips the send time through the padded text', () => {
    const text = stampedText(1_732_600_000_123_456, 64)
    expect(text).toHaveLength(64)
    const frame = Buffer.from(
      JSON.stringify({ event: 'message', roomId: 'r', message: text, num: 3 }),
    )
    expect(sentAtUs(frame, 0, frame.length)).toBe(1_732_600_000_123_456)
  })

  it('answers -1 for a frame without a stamp, or with one past the end', () => {
    const frame = Buffer.from('{"event":"message","message":"hi"}~12~')
    expect(sentAtUs(frame, 0, 34)).toBe(-1)
    expect(sentAtUs(Buffer.from('~12x~'), 0, 5)).toBe(-1)
  })
})

describe('classify', () => {
  it("reads Parley's frames by their event", () => {
    expect(kind(parley, '{"event":"message","roomId":"r"}')).toBe('delivery')
    expect(kind(parley, '{"event":"synced","roomId":"r","seq":0}')).toBe('entered')
    expect(kind(parley, '{"event":"heartbeat","message":"ping","num":1}')).toBe('ping')
    expect(kind(parley, '{"event":"error","code":"rate_limited"}')).toBe('error')
    expect(kind(parley, '{"event":"enter","roomId":"r"}')).toBe('other')
  })

  it("takes bare ws's enter answer as entered", () => {
    expect(kind(bareWs, '{"event":"enter","roomId":"r","num":1}')).toBe('entered')
    expect(kind(bareWs, '{"event":"message"}')).toBe('delivery')
  })

  it("reads socket.io's engine.io packets", () => {
    expect(kind(socketio, '0{"sid":"x"}')).toBe('other')
    expect(kind(socketio, '40{"sid":"y"}')).toBe('connected')
    expect(kind(socketio, '430[{"num":1}]')).toBe('entered')
    expect(kind(socketio, '42["message",{"seq":1}]')).toBe('delivery')
    expect(kind(socketio, '2')).toBe('ping')
    expect(kind(socketio, '44{"message":"no"}')).toBe('error')
    expect(socketio.message('r', 't', 'c1')).toBe(
      '42["message",{"roomId":"r","message":"t","cid":"c1"}]',
    )
  })
})
