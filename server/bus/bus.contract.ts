// The Bus contract suite: every bus implementation runs these same tests.
import { afterEach, describe, expect, it } from 'vitest'
import type { Bus, BusEvent } from './types'

/** Makes a fresh bus; the suite closes it after each test. */
export type BusFactory = () => Bus | Promise<Bus>

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
    const open: Bus[] = []
    const make = async () => {
      const bus = await factory()
      open.push(bus)
      return bus
    }
    afterEach(async () => {
      await Promise.all(open.splice(0).map((bus) => bus.close()))
    })

    it('delivers every kind of event of a subscribed room in publish order', async () => {
      const bus = await make()
      const { next } = record(bus)
      await bus.subscribe('r')
      const published: BusEvent[] = [
        { type: 'enter', roomId: 'r', entry, counts: { num: 1, users: 1 } },
        ...Array.from({ length: 20 }, (_, i) => messageEvent('r', i + 1)),
        { type: 'out', roomId: 'r', entry, counts: { num: 0, users: 0 } },
        { type: 'forget', roomId: 'r', uid: 'u1' },
      ]
      for (const event of published) await bus.publish(event)
      expect(await next(published.length)).toEqual(published)
    })

    it('does not call the listener from inside publish', async () => {
      const bus = await make()
      const { events, next } = record(bus)
      await bus.subscribe('r')
      const publishing = bus.publish(messageEvent('r', 1))
      expect(events).toEqual([])
      await publishing
      await next(1)
    })

    it('delivers only the rooms subscribed to, until unsubscribed', async () => {
      const bus = await make()
      const { next } = record(bus)
      await bus.subscribe('a')
      await bus.subscribe('b')
      await bus.publish(messageEvent('elsewhere', 1))
      await bus.publish(messageEvent('a', 1))
      await next(1)
      await bus.unsubscribe('a')
      await bus.publish(messageEvent('a', 2))
      await bus.publish(messageEvent('b', 1))
      await next(2)
      await bus.subscribe('a')
      await bus.publish(messageEvent('a', 3))
      expect(await next(3)).toEqual([
        messageEvent('a', 1),
        messageEvent('b', 1),
        messageEvent('a', 3),
      ])
    })
  })
}
