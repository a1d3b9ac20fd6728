// Builds protocol messages for tests and benchmarks, shaped as the server sends them.
import type { ChatMessage } from '../../../shared/protocol'

export function chatMessage(
  roomId: string,
  seq: number,
  fields: Partial<ChatMessage> = {},
): ChatMessage {
  return {
    roomId,
    seq,
    id: `${roomId}-${seq}`,
    uid: 'someone',
    name: 'Someone',
    message: `message ${seq}`,
    ts: 1_700_000_000_000 + seq * 1000,
    ...fields,
  }
}

export function chatMessages(roomId: string, from: number, to: number): ChatMessage[] {
  const out: ChatMessage[] = []
  for (let seq = from; seq <= to; seq++) out.push(chatMessage(roomId, seq))
  return out
}
