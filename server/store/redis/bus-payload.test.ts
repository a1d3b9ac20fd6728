// Bus payloads: what the append script writes decodes like what the bus writes; own ones are skipped.
import { describe, expect, it } from 'vitest'
import { messageEvent } from '../../bus/bus.contract'
import type { BusEvent } from '../../bus/types'
import { busPayloads } from './bus-payload'

const enter: BusEvent = {
  type: 'enter',
  roomId: 'r',
  entry: { instanceId: 'a', connId: 'c1', uid: 'u1', name: 'Ann' },
  counts: { num: 1, users: 1 },
}

describe('busPayloads', () => {
  const [a, b] = [busPayloads('a'), busPayloads('b')]

  it("decodes another instance's events and skips its own", () => {
    for (const event of [messageEvent('r', 1), enter]) {
      expect(b.decode(a.encode(event))).toEqual(event)
      expect(a.decode(a.encode(event))).toBeUndefined()
    }
  })

  it('decodes a message event built around the stored JSON, as the append script builds it', () => {
    const event = messageEvent('r', 1)
    const { message } = event as Extract<BusEvent, { type: 'message' }>
    const scripted = a.messageHead + JSON.stringify(message) + a.messageTail
    expect(b.decode(scripted)).toEqual(event)
    expect(a.decode(scripted)).toBeUndefined()
  })

  it('tells instances apart whose ids share a beginning', () => {
    expect(busPayloads('ab').decode(a.encode(enter))).toEqual(enter)
    expect(a.decode(busPayloads('ab').encode(enter))).toEqual(enter)
    expect(() => busPayloads('a|b')).toThrow()
  })
})
