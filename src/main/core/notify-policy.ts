// The notification policy as pure functions: whether a new message deserves a desktop
// notification, what to show for a burst of them, and the unread total of the tray badge.
import type { NotificationRequest } from '../../shared/bridge'
import type { ChatMessage } from '../../shared/protocol'

const BODY_CHARS = 200

export interface NotifyContext {
  myUid: string
  /** The room on screen, if any. */
  focusedRoomId: string | null
  windowFocused: boolean
  mutedRoomIds: ReadonlySet<string>
}

export interface IncomingMessage {
  roomId: string
  uid: string
}

export function shouldNotify(message: IncomingMessage, ctx: NotifyContext): boolean {
  if (message.uid === ctx.myUid) return false
  if (ctx.mutedRoomIds.has(message.roomId)) return false
  // The user is already looking at it.
  if (ctx.windowFocused && ctx.focusedRoomId === message.roomId) return false
  return true
}

/** At most one notification per room for a burst: its newest message, and how many it stands for. */
export function notificationsFor(
  messages: readonly ChatMessage[],
  ctx: NotifyContext,
): NotificationRequest[] {
  const byRoom = new Map<string, NotificationRequest>()
  for (const m of messages) {
    if (!shouldNotify(m, ctx)) continue
    byRoom.set(m.roomId, {
      roomId: m.roomId,
      seq: m.seq,
      title: `${m.name} in ${m.roomId}`,
      // Counted in code points, so an emoji is never cut in half.
      body: [...m.message].slice(0, BODY_CHARS).join(''),
      count: (byRoom.get(m.roomId)?.count ?? 0) + 1,
    })
  }
  return [...byRoom.values()]
}

/** The tray badge: unread messages over the rooms that are not muted. */
export function unreadTotal(rooms: readonly { unread: number; muted: boolean }[]): number {
  let total = 0
  for (const room of rooms) if (!room.muted) total += room.unread
  return total
}
