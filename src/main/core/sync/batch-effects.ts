// What one batch of frames changed, gathered while its transaction runs and acted on (events,
// notifications) once it has committed.
import type { MessagesChangedEvent, ParleyProblem } from '../../../shared/bridge'
import type { ChatMessage } from '../../../shared/protocol'

export class BatchEffects {
  /** Rooms whose visible messages changed, and why (the last reason wins). */
  readonly changed = new Map<string, MessagesChangedEvent['reason']>()
  /** New live messages from others: candidates for a notification. */
  readonly live: ChatMessage[] = []
  readonly problems: ParleyProblem[] = []
  /** Room list data (unread, presence, seqs) changed. */
  roomsChanged = false

  touch(roomId: string, reason: MessagesChangedEvent['reason']): void {
    this.changed.set(roomId, reason)
    this.roomsChanged = true
  }

  get isEmpty(): boolean {
    return this.changed.size === 0 && this.problems.length === 0 && !this.roomsChanged
  }
}
