// Whole WebSocket text frames (RFC 6455 5.2: FIN, text opcode, unmasked as a server sends them),
// built once per broadcast so every member's socket gets the same bytes with no framing per send.

/** The bytes of one complete frame, ready for the socket; only this module makes them. */
export type WsFrame = Buffer & { readonly __wsFrame: true }

/** A ping with no payload, queued with the JSON heartbeat so both go out in one write. */
export const PING_FRAME = Buffer.from([0x89, 0x00]) as WsFrame

export function textFrame(text: string): WsFrame {
  const length = Buffer.byteLength(text)
  const header = length < 126 ? 2 : length < 65_536 ? 4 : 10
  const frame = Buffer.allocUnsafe(header + length)
  frame[0] = 0x81
  if (header === 2) {
    frame[1] = length
  } else if (header === 4) {
    frame[1] = 126
    frame.writeUInt16BE(length, 2)
  } else {
    frame[1] = 127
    frame.writeUInt32BE(Math.floor(length / 0x1_0000_0000), 2)
    frame.writeUInt32BE(length >>> 0, 6)
  }
  frame.write(text, header, 'utf8')
  return frame as WsFrame
}
