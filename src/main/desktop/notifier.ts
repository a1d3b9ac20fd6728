// Desktop notifications from the core's notification policy: at most one per room (a new one
// replaces the room's previous one instead of stacking), a reference kept until it closes (an
// Electron Notification that is garbage-collected loses its click handler), and a click that
// brings the window forward and opens the room at that message.
import type { NotificationRequest, OpenRoomRequest } from '../../shared/bridge'

export interface ShownNotification {
  close(): void
}

export interface NotificationHooks {
  click(): void
  /** The OS dismissed it, or it was replaced. */
  closed(): void
}

/** The Electron edge: shows one notification, or returns null where the OS has none. */
export type ShowNotification = (
  request: NotificationRequest,
  hooks: NotificationHooks,
) => ShownNotification | null

export interface Notifier {
  show(request: NotificationRequest): void
  /** Closes every notification still shown (notifications turned off, the app quitting). */
  closeAll(): void
  /** Room ids with a notification on screen. */
  shownRooms(): string[]
}

export interface NotifierOptions {
  show: ShowNotification
  enabled: () => boolean
  open: (request: OpenRoomRequest) => void
}

export function createNotifier(o: NotifierOptions): Notifier {
  const shown = new Map<string, ShownNotification>()

  function forget(roomId: string, which: ShownNotification): void {
    if (shown.get(roomId) === which) shown.delete(roomId)
  }

  return {
    show(request) {
      if (!o.enabled()) return
      const previous = shown.get(request.roomId)
      if (previous) {
        shown.delete(request.roomId)
        previous.close()
      }
      let self: ShownNotification | null = null
      self = o.show(request, {
        click: () => {
          if (self) forget(request.roomId, self)
          o.open({ roomId: request.roomId, seq: request.seq })
        },
        closed: () => {
          if (self) forget(request.roomId, self)
        },
      })
      if (self) shown.set(request.roomId, self)
    },
    closeAll() {
      const all = [...shown.values()]
      shown.clear()
      for (const n of all) n.close()
    },
    shownRooms: () => [...shown.keys()],
  }
}
