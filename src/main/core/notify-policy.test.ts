// The notification policy as a table of cases: who is notified of what, and the badge total.
import { describe, expect, it } from 'vitest'
import { chatMessage } from './testing/messages'
import { notificationsFor, shouldNotify, unreadTotal, type NotifyContext } from './notify-policy'

const ctx: NotifyContext = {
  myUid: 'me',
  focusedRoomId: 'general',
  windowFocused: true,
  mutedRoomIds: new Set(['noisy']),
}

describe('shouldNotify', () => {
  it('never for your own messages', () => {
    expect(shouldNotify({ roomId: 'other', uid: 'me' }, { ...ctx, windowFocused: false })).toBe(
      false,
    )
  })

  it('never for a muted room', () => {
    expect(shouldNotify({ roomId: 'noisy', uid: 'bob' }, { ...ctx, windowFocused: false })).toBe(
      false,
    )
  })

  it('not for the room on screen in a focused window', () => {
    expect(shouldNotify({ roomId: 'general', uid: 'bob' }, ctx)).toBe(false)
  })

  it('for the room on screen when the window is in the background', () => {
    expect(shouldNotify({ roomId: 'general', uid: 'bob' }, { ...ctx, windowFocused: false })).toBe(
      true,
    )
  })

  it('for another room even with the window focused', () => {
    expect(shouldNotify({ roomId: 'random', uid: 'bob' }, ctx)).toBe(true)
    expect(shouldNotify({ roomId: 'random', uid: 'bob' }, { ...ctx, focusedRoomId: null })).toBe(
      true,
    )
  })
})

describe('unreadTotal', () => {
  it('sums the rooms that are not muted', () => {
    expect(
      unreadTotal([
        { unread: 3, muted: false },
        { unread: 10, muted: true },
        { unread: 2, muted: false },
      ]),
    ).toBe(5)
    expect(unreadTotal([])).toBe(0)
  })
})

describe('notificationsFor', () => {
  it('gives one notification per room, for the newest message, with the count', () => {
    const background = { ...ctx, windowFocused: false }
    const list = notificationsFor(
      [
        chatMessage('a', 1, { name: 'Bob', message: 'first' }),
        chatMessage('a', 2, { name: 'Cy', message: 'second' }),
        chatMessage('a', 3, { uid: 'me', message: 'mine' }),
        chatMessage('noisy', 9),
        chatMessage('b', 4, { name: 'Bob', message: '😀'.repeat(300) }),
      ],
      background,
    )
    expect(list).toEqual([
      { roomId: 'a', seq: 2, title: 'Cy in a', body: 'second', count: 2 },
      { roomId: 'b', seq: 4, title: 'Bob in b', body: '😀'.repeat(200), count: 1 },
    ])
  })
})
