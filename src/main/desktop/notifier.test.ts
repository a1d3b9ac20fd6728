// One notification per room, kept until closed, and a click that opens the room.
import { describe, expect, it } from 'vitest'
import type { NotificationRequest, OpenRoomRequest } from '../../shared/bridge'
import { createNotifier } from './notifier'
import { recordingEffects } from '../testing/recording-effects'

const request = (roomId: string, seq: number): NotificationRequest => ({
  roomId,
  seq,
  title: `Ann in ${roomId}`,
  body: `message ${seq}`,
  count: 1,
})

describe('notifier', () => {
  it('replaces a room’s notification instead of stacking, and keeps rooms apart', () => {
    const fx = recordingEffects()
    const notifier = createNotifier({
      show: fx.showNotification,
      enabled: () => true,
      open: () => {},
    })
    notifier.show(request('a', 1))
    notifier.show(request('b', 1))
    notifier.show(request('a', 2))
    expect(fx.notifications.map((n) => [n.request.roomId, n.request.seq, n.closed])).toEqual([
      ['a', 1, true],
      ['b', 1, false],
      ['a', 2, false],
    ])
    expect(notifier.shownRooms().sort()).toEqual(['a', 'b'])
  })

  it('forgets a notification the OS closed, and opens the room at the message on a click', () => {
    const fx = recordingEffects()
    const opened: OpenRoomRequest[] = []
    const notifier = createNotifier({
      show: fx.showNotification,
      enabled: () => true,
      open: (r) => opened.push(r),
    })
    notifier.show(request('a', 7))
    notifier.show(request('b', 3))
    fx.notifications[1]!.hooks.closed()
    expect(notifier.shownRooms()).toEqual(['a'])
    fx.notifications[0]!.hooks.click()
    expect(opened).toEqual([{ roomId: 'a', seq: 7 }])
    expect(notifier.shownRooms()).toEqual([])
  })

  it('shows nothing when turned off or unsupported', () => {
    const fx = recordingEffects()
    let enabled = false
    const notifier = createNotifier({
      show: fx.showNotification,
      enabled: () => enabled,
      open: () => {},
    })
    notifier.show(request('a', 1))
    expect(fx.notifications).toEqual([])
    enabled = true
    fx.notificationsSupported = false
    notifier.show(request('a', 2))
    expect(notifier.shownRooms()).toEqual([])
  })
})
