// The bench command line and the scenario sizes it produces.
import { describe, expect, it } from 'vitest'
import { parseArgs } from './cli-args'
import { scenario, targetDeliveriesPerSec } from './scenarios'

describe('parseArgs', () => {
  it('runs everything by default', () => {
    const a = parseArgs([])
    expect(a.scenarios).toEqual(['fanout', 'many-rooms', 'idle', 'max'])
    expect(a.servers).toEqual(['parley-memory', 'parley-redis', 'bare-ws', 'socketio'])
    expect(a.quick).toBe(false)
  })

  it('reads lists, sizes, and parley as both variants', () => {
    const a = parseArgs([
      '--scenario',
      'fanout,max',
      '--servers',
      'parley,bare-ws',
      '--connections',
      '50',
      '--duration',
      '2',
    ])
    expect(a).toMatchObject({
      scenarios: ['fanout', 'max'],
      servers: ['parley-memory', 'parley-redis', 'bare-ws'],
      connections: 50,
      durationS: 2,
    })
  })

  it('refuses unknown names and options, and missing or bad values', () => {
    expect(() => parseArgs(['--scenario', 'fanout,nope'])).toThrow(/unknown name nope/)
    expect(() => parseArgs(['--fast'])).toThrow(/unknown option/)
    expect(() => parseArgs(['--connections'])).toThrow(/needs a value/)
    expect(() => parseArgs(['--connections', '0'])).toThrow(/positive/)
  })
})

describe('scenario', () => {
  it('keeps the documented defaults: 100k deliveries/s in fanout, 20k in many-rooms', () => {
    expect(targetDeliveriesPerSec(scenario('fanout', { quick: false }))).toBe(100_000)
    const many = scenario('many-rooms', { quick: false })
    expect(many).toMatchObject({ connections: 2000, roomSize: 10, senders: 2000, ratePerSec: 2000 })
    expect(targetDeliveriesPerSec(many)).toBe(20_000)
  })

  it('keeps each shape when the size changes', () => {
    expect(scenario('fanout', { quick: false, connections: 300 })).toMatchObject({
      roomSize: 300,
      senders: 5,
    })
    expect(scenario('many-rooms', { quick: true })).toMatchObject({
      connections: 400,
      senders: 400,
      ratePerSec: 400,
      durationS: 3,
    })
    expect(scenario('idle', { quick: false, durationS: 7 })).toMatchObject({
      connections: 5000,
      roomSize: 10,
      durationS: 7,
    })
  })
})
