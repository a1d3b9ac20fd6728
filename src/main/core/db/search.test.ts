// Search on a real file: safe FTS5 expressions, snippets, ranking, prefixes, accents, room filter.
import { beforeEach, describe, expect, it } from 'vitest'
import { chatMessage } from '../testing/messages'
import { useTestDatabase } from '../testing/test-database'
import { insertMessages } from './messages'
import { searchMessages, snippetParts, toMatchExpression } from './search'

const t = useTestDatabase('a', 'b')

describe('toMatchExpression', () => {
  it('quotes every word and makes the last one a prefix', () => {
    expect(toMatchExpression('  hello wor ')).toBe('"hello" "wor"*')
  })

  it('never lets FTS5 syntax through', () => {
    expect(toMatchExpression('a" OR body:x NEAR(')).toBe('"a" "OR" "body" "x" "NEAR"*')
    expect(toMatchExpression('*** ""')).toBeUndefined()
  })
})

describe('snippetParts', () => {
  it('splits hits from plain text', () => {
    expect(snippetParts('say \u0002hello\u0003 there')).toEqual([
      { text: 'say ', hit: false },
      { text: 'hello', hit: true },
      { text: ' there', hit: false },
    ])
  })
})

describe('searchMessages', () => {
  beforeEach(() => {
    insertMessages(t.db, [
      chatMessage('a', 1, { message: 'lunch at noon?' }),
      chatMessage('a', 2, { message: 'Lunch lunch LUNCH, who is in for lunch' }),
      chatMessage('b', 7, { message: 'the launch is at noon', name: 'Bea', uid: 'bea' }),
      chatMessage('b', 8, { message: 'crème brûlée for dessert' }),
    ])
  })

  it('ranks the better match first and gives the jump target', () => {
    const hits = searchMessages(t.db, 'lunch')
    expect(hits.map((h) => [h.roomId, h.seq])).toEqual([
      ['a', 2],
      ['a', 1],
    ])
    expect(hits[1]?.snippet).toEqual([
      { text: 'lunch', hit: true },
      { text: ' at noon?', hit: false },
    ])
  })

  it('matches prefixes, ignores accents and case, filters by room', () => {
    expect(searchMessages(t.db, 'creme BRU').map((h) => h.seq)).toEqual([8])
    expect(searchMessages(t.db, 'noo', { roomId: 'b' })).toMatchObject([
      { roomId: 'b', seq: 7, name: 'Bea', uid: 'bea' },
    ])
    expect(searchMessages(t.db, 'noon', { limit: 1 })).toHaveLength(1)
    expect(searchMessages(t.db, '"(')).toEqual([])
  })
})
