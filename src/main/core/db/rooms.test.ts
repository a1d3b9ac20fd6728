// Room queries on a real file: membership, forward-only points, unread counts, mute, forget.
import { describe, expect, it } from 'vitest'
import { chatMessage, chatMessages } from '../testing/messages'
import { useTestDatabase } from '../testing/test-database'
import { insertMessages } from './messages'
import { addToOutbox } from './outbox'
import {
  deleteForgottenRoom,
  forgetRoom,
  getRoom,
  joinRoom,
  listForgottenRooms,
  listJoinedRooms,
  markRead,
  mutedRoomIds,
  setMuted,
  unreadCounts,
  updateSyncPoint,
} from './rooms'

const t = useTestDatabase()

describe('room queries', () => {
  it('joins rooms in order and lists them', () => {
    joinRoom(t.db, 'b', null, 1)
    joinRoom(t.db, 'a', 'Al', 2)
    joinRoom(t.db, 'b', null, 3)
    expect(listJoinedRooms(t.db).map((r) => r.roomId)).toEqual(['b', 'a'])
    expect(getRoom(t.db, 'a')).toMatchObject({
      joined: true,
      muted: false,
      nickname: 'Al',
      syncedSeq: null,
      floorSeq: 1,
      latestSeq: 0,
      lastReadSeq: 0,
    })
  })

  it('moves sync points and the read position only forward', () => {
    joinRoom(t.db, 'r', null, 1)
    updateSyncPoint(t.db, 'r', { syncedSeq: 5, latestSeq: 9, floorSeq: 2, lastReadSeq: 4 })
    updateSyncPoint(t.db, 'r', { syncedSeq: 3, latestSeq: 7, floorSeq: 1, lastReadSeq: 1 })
    updateSyncPoint(t.db, 'r', {})
    expect(getRoom(t.db, 'r')).toMatchObject({
      syncedSeq: 5,
      latestSeq: 9,
      floorSeq: 2,
      lastReadSeq: 4,
    })
    expect(markRead(t.db, 'r', 3)).toBe(false)
    expect(markRead(t.db, 'r', 6)).toBe(true)
    expect(getRoom(t.db, 'r')?.lastReadSeq).toBe(6)
    expect(markRead(t.db, 'r', 1_000)).toBe(true)
    expect(getRoom(t.db, 'r')?.lastReadSeq).toBe(9)
  })

  it('counts unread messages from others after the read position', () => {
    joinRoom(t.db, 'r', null, 1)
    joinRoom(t.db, 'quiet', null, 2)
    insertMessages(t.db, [...chatMessages('r', 1, 4), chatMessage('r', 5, { uid: 'me' })])
    updateSyncPoint(t.db, 'r', { latestSeq: 5 })
    markRead(t.db, 'r', 1)
    expect(unreadCounts(t.db, 'me')).toEqual(
      new Map([
        ['r', 3],
        ['quiet', 0],
      ]),
    )
  })

  it('mutes and unmutes', () => {
    joinRoom(t.db, 'r', null, 1)
    expect(setMuted(t.db, 'r', true)).toBe(true)
    expect(getRoom(t.db, 'r')?.muted).toBe(true)
    expect(setMuted(t.db, 'nowhere', true)).toBe(false)
    expect(mutedRoomIds(t.db)).toEqual(new Set(['r']))
  })

  it('forgets a room: local copy gone, row kept until the server is told', () => {
    joinRoom(t.db, 'r', null, 1)
    insertMessages(t.db, chatMessages('r', 1, 3))
    addToOutbox(t.db, { cid: 'c1', roomId: 'r', text: 'hi', createdAt: 1 })
    updateSyncPoint(t.db, 'r', { syncedSeq: 3 })
    forgetRoom(t.db, 'r')
    expect(listJoinedRooms(t.db)).toEqual([])
    expect(listForgottenRooms(t.db)).toEqual(['r'])
    expect(t.db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(0)
    expect(t.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0)
    deleteForgottenRoom(t.db, 'r')
    expect(getRoom(t.db, 'r')).toBeUndefined()
  })

  it('re-joining a forgotten room starts its sync afresh; re-joining a joined one keeps it', () => {
    joinRoom(t.db, 'r', null, 1)
    updateSyncPoint(t.db, 'r', { syncedSeq: 3 })
    joinRoom(t.db, 'r', 'New nick', 2)
    expect(getRoom(t.db, 'r')).toMatchObject({ syncedSeq: 3, nickname: 'New nick' })
    forgetRoom(t.db, 'r')
    joinRoom(t.db, 'r', null, 3)
    expect(getRoom(t.db, 'r')).toMatchObject({ joined: true, syncedSeq: null })
    expect(listForgottenRooms(t.db)).toEqual([])
  })
})
