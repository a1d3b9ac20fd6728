// Message queries on a real file: stored once per (room, seq), pages, seq look-ups, the archive.
import { describe, expect, it } from 'vitest'
import { chatMessage, chatMessages } from '../testing/messages'
import { useTestDatabase } from '../testing/test-database'
import {
  archiveMessages,
  countHeld,
  dropArchivedCopies,
  heldSeqsAfter,
  insertMessages,
  messagesBefore,
} from './messages'
import { forgetRoom } from './rooms'

const t = useTestDatabase('r')

describe('message queries', () => {
  it('stores a (room, seq) once, whatever arrives twice', () => {
    const first = insertMessages(t.db, chatMessages('r', 1, 3))
    const again = insertMessages(t.db, [
      chatMessage('r', 2, { message: 'a repeat answer' }),
      ...chatMessages('r', 3, 4),
    ])
    expect(first.map((m) => m.seq)).toEqual([1, 2, 3])
    expect(again.map((m) => m.seq)).toEqual([4])
    expect(messagesBefore(t.db, 'r', 100, 10).map((m) => m.text)).toEqual([
      'message 1',
      'message 2',
      'message 3',
      'message 4',
    ])
  })

  it('ignores messages of rooms not joined', () => {
    expect(insertMessages(t.db, [chatMessage('elsewhere', 1)])).toEqual([])
    forgetRoom(t.db, 'r')
    expect(insertMessages(t.db, [chatMessage('r', 1)])).toEqual([])
  })

  it('pages back from a seq, each page oldest first', () => {
    insertMessages(t.db, chatMessages('r', 1, 10))
    insertMessages(t.db, [chatMessage('other', 11)])
    expect(messagesBefore(t.db, 'r', 100, 3).map((m) => m.seq)).toEqual([8, 9, 10])
    expect(messagesBefore(t.db, 'r', 8, 3).map((m) => m.seq)).toEqual([5, 6, 7])
    expect(messagesBefore(t.db, 'r', 3, 5).map((m) => m.seq)).toEqual([1, 2])
    const [m] = messagesBefore(t.db, 'r', 100, 1)
    expect(m).toEqual({
      roomId: 'r',
      seq: 10,
      id: 'r-10',
      uid: 'someone',
      name: 'Someone',
      text: 'message 10',
      ts: 1_700_000_010_000,
      cid: null,
    })
  })

  it('answers the seq questions sync asks', () => {
    insertMessages(t.db, [...chatMessages('r', 3, 5), ...chatMessages('r', 9, 9)])
    expect(countHeld(t.db, 'r', 1, 9)).toBe(4)
    expect(heldSeqsAfter(t.db, 'r', 4, 10)).toEqual([5, 9])
  })

  it('archives a room below seq 1 in order, again and again, and drops copies stored anew', () => {
    insertMessages(t.db, chatMessages('r', 1, 3))
    expect(archiveMessages(t.db, 'r')).toBe(3)
    insertMessages(t.db, chatMessages('r', 1, 2))
    expect(archiveMessages(t.db, 'r')).toBe(2)
    expect(archiveMessages(t.db, 'r')).toBe(0)
    const seqs = () => messagesBefore(t.db, 'r', 100, 100).map((m) => [m.seq, m.id])
    expect(seqs()).toEqual([
      [-4, 'r-1'],
      [-3, 'r-2'],
      [-2, 'r-3'],
      [-1, 'r-1'],
      [0, 'r-2'],
    ])
    const again = chatMessages('r', 1, 2)
    insertMessages(t.db, again)
    dropArchivedCopies(t.db, 'r', 2, again)
    expect(seqs()).toEqual([
      [-4, 'r-1'],
      [-3, 'r-2'],
      [-2, 'r-3'],
      [1, 'r-1'],
      [2, 'r-2'],
    ])
  })
})
