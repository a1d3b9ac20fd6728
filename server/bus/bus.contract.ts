// The Bus contract suite: every bus implementation runs these same tests.
import { afterEach, describe, expect, it } from 'vitest'
import type { Bus, BusEvent } from './types'

/**
 * Makes a fresh bus seen from two instances: one publishing, one listening. A bus that spans
 * instances gives two that reach each other; the in-process bus, one instance, gives the same
 * bus twice. The suite closes them after each test.
 */
export type BusFactory = () => BusPair | Promise<BusPair>

export interface BusPair {
  publisher: Bus
  listener: Bus
}

export function messageEvent(roomId: string, seq: number): BusEvent {
  return {
    type: 'message',
    message: {
      roomId,
      seq,
      id: `${roomId}-${seq}`,
      uid: 'u1',
      name: 'Ann',
      message: `m${seq}`,
      ts: seq,
    },
  }
}

const entry = { instanceId: 'i1', connId: 'c1', uid: 'u1', name: 'Ann' }

/** Records what a bus delivers; `next(n)` waits until n events have arrived in all. */
export function record(bus: Bus) {
  const events: BusEvent[] = []
  let wake = () => {}
  bus.onEvent((event) => {
    events.push(event)
    wake()
  })
  const next = async (count: number, timeoutMs = 2000) => {
    const deadline = Date.now() + timeoutMs
    while (events.length < count && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        wake = resolve
        setTimeout(resolve, 20)
      })
    }
    expect(events.length).toBeGreaterThanOrEqual(count)
    return events
  }
  return { events, next }
}

export function describeBus(name: string, factory: BusFactory): void {
  describe(`Bus contract: ${name}`, () => {
    const open = new Set<Bus>()
    const make = async () => {
      const pair = await factory()
      open.add(pair.publisher).add(pair.listener)
      return pair
    }
    afterEach(async () => {
      await Promise.all([...open].map((bus) => bus.close()))
      open.clear()
    })

    it('delivers every kind of event of a subscribed room in publish order', async () => {
      const { publisher, listener } = await make()
      const { next } = record(listener)
      await listener.subscribe('r')
      const published: BusEvent[] = [
        { type: 'enter', roomId: 'r', entry, counts: { num: 1, users: 1 } },
        ...Array.from({ length: 20 }, (_, i) => messageEvent('r', i + 1)),
        { type: 'out', roomId: 'r', entry, counts: { num: 0, users: 0 } },
        { type: 'forget', roomId: 'r', uid: 'u1' },
      ]
      for (const event of published) await publisher.publish(event)
      expect(await next(published.length)).toEqual(published)
    })

    it('does not call the listener from inside publish', async () => {
      const { publisher, listener } = await make()
      const { events, next } = record(listener)
      await listener.subscribe('r')
      const publishing = publisher.publish(messageEvent('r', 1))
      expect(events).toEqual([])
      await publishing
      await next(1)
    })

    it('delivers only the rooms subscribed to, until unsubscribed', async () => {
      const { publisher, listener } = await make()
      const { next } = record(listener)
      await listener.subscribe('a')
      await listener.subscribe('b')
      await publisher.publish(messageEvent('elsewhere', 1))
      await publisher.publish(messageEvent('a', 1))
      await next(1)
      await listener.unsubscribe('a')
      await publisher.publish(messageEvent('a', 2))
      await publisher.publish(messageEvent('b', 1))
      await next(2)
      await listener.subscribe('a')
      await publisher.publish(messageEvent('a', 3))
      expect(await next(3)).toEqual([
        messageEvent('a', 1),
        messageEvent('b', 1),
        messageEvent('a', 3),
      ])
    })
  })
}
