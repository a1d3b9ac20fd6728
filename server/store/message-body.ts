// What every store keeps of an append but its seq: the one mapping from the handler's input to
// the protocol's message fields (`text` is sent as `message`; `cid` only when the client gave one).
import type { AppendInput, StoredMessage } from './types'

export function messageBody(input: AppendInput): Omit<StoredMessage, 'seq'> {
  return {
    roomId: input.roomId,
    id: input.id,
    uid: input.uid,
    name: input.name,
    message: input.text,
    ts: input.ts,
    ...(input.cid === undefined ? {} : { cid: input.cid }),
  }
}
