// Join and leave notices: the core tells the UI when someone else comes into or leaves a
// room, with the new counts and its place among the messages, and keeps its own reconnects
// out of it.
import { describe, expect, it } from 'vitest'
import type { PresenceNotice } from '../../shared/bridge'
import { joined, reachedSeq, waitFor } from './testing/core-harness'
import { useCoreServer } from './testing/core-server'

const t = useCoreServer({ memoryStore: true })

describe('presence notices', () => {
  it('tells alice when bob joins and leaves, and never about herself', async () => {
    const alice = await t.signedIn('alice', { name: 'Alice' })
    const notices: PresenceNotice[] = []
    alice.onPresenceNotice((n) => notices.push(n))
    await joined(alice, 'lobby')

    const bob = await t.signedIn('bob', { name: 'Bob' })
    await joined(bob, 'lobby')
    await waitFor(() => notices.length === 1, 'bob joined')
    expect(notices[0]).toMatchObject({
      roomId: 'lobby',
      kind: 'joined',
      uid: 'bob',
      name: 'Bob',
      presence: { num: 2, users: 2 },
      afterSeq: 0,
    })

    // Each notice knows where it came among the room's messages.
    await bob.send('lobby', 'one')
    await bob.send('lobby', 'two')
    await reachedSeq(alice, 'lobby', 2)
    await bob.signOut()
    await waitFor(() => notices.length === 2, 'bob left')
    expect(notices[1]).toMatchObject({
      kind: 'left',
      uid: 'bob',
      presence: { num: 1, users: 1 },
      afterSeq: 2,
    })
    expect(notices.every((n) => n.uid !== 'alice')).toBe(true)
  })
})
