// What one batch of frames changed, gathered while its transaction runs and acted on (events,
// notifications) once it has committed.
import type { MessagesChangedEvent, ParleyProblem, PresenceNotice } from '../../../shared/bridge'
import type { ChatMessage } from '../../../shared/protocol'

export class BatchEffects {
  /** Rooms whose visible messages changed, and why (the last reason wins, but a reset stays). */
  readonly changed = new Map<string, MessagesChangedEvent['reason']>()
  /** New live messages from others: candidates for a notification. */
  readonly live: ChatMessage[] = []
  readonly problems: ParleyProblem[] = []
  /** Others who came or went, for the room's join and leave notices. */
  readonly notices: PresenceNotice[] = []
  /** Room list data (unread, presence, seqs) changed. */
  roomsChanged = false

  touch(roomId: string, reason: MessagesChangedEvent['reason']): void {
    // A reset renumbered what the renderer shows: it must reload, whatever came after.
    if (this.changed.get(roomId) !== 'reset') this.changed.set(roomId, reason)
    this.roomsChanged = true
  }
}
