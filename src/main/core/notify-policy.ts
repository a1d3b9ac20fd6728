// The notification policy as pure functions: whether a new message deserves a desktop
// notification, and the unread total the tray badge shows.

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

/** The tray badge: unread messages over the rooms that are not muted. */
export function unreadTotal(rooms: readonly { unread: number; muted: boolean }[]): number {
  let total = 0
  for (const room of rooms) if (!room.muted) total += room.unread
  return total
}
