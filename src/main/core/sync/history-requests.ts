// Outstanding `history` requests of one socket. Answers carry no request id, but the server
// handles a connection's frames strictly in order and answers each `history` with either a
// `history` frame or an `error` whose ref is "history", so a FIFO pairs them up.
import type { ChatMessage } from '../../../shared/protocol'

export type HistoryPurpose = 'gap' | 'page'

export interface HistoryAnswer {
  messages: ChatMessage[]
  more: boolean
}

export interface HistoryRequest {
  roomId: string
  before: number
  limit: number
  purpose: HistoryPurpose
  /** Resolves with the answer once it is stored, or undefined if it never comes. */
  answer: Promise<HistoryAnswer | undefined>
  settle(answer: HistoryAnswer | undefined): void
}

export class HistoryRequests {
  private readonly queue: HistoryRequest[] = []

  add(roomId: string, before: number, limit: number, purpose: HistoryPurpose): HistoryRequest {
    let settle!: (answer: HistoryAnswer | undefined) => void
    const answer = new Promise<HistoryAnswer | undefined>((resolve) => (settle = resolve))
    const request = { roomId, before, limit, purpose, answer, settle }
    this.queue.push(request)
    return request
  }

  /** The same page asked again while the first request is out: share its answer. */
  find(roomId: string, before: number): HistoryRequest | undefined {
    return this.queue.find((r) => r.roomId === roomId && r.before === before)
  }

  hasGapFill(roomId: string): boolean {
    return this.queue.some((r) => r.roomId === roomId && r.purpose === 'gap')
  }

  /** The request a `history` frame for roomId answers: the oldest one out for that room. */
  takeAnswered(roomId: string): HistoryRequest | undefined {
    const i = this.queue.findIndex((r) => r.roomId === roomId)
    return i < 0 ? undefined : this.queue.splice(i, 1)[0]
  }

  /** The request an `error` with ref "history" answers: the oldest one out. */
  takeFailed(): HistoryRequest | undefined {
    return this.queue.shift()
  }

  /** A request that could not be sent: no answer will come. */
  drop(request: HistoryRequest): void {
    const i = this.queue.indexOf(request)
    if (i >= 0) this.queue.splice(i, 1)
    request.settle(undefined)
  }

  /** The socket is gone: no answer will come. */
  failAll(): void {
    for (const r of this.queue.splice(0)) r.settle(undefined)
  }
}
