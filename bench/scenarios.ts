// The benchmark scenarios of docs/benchmarks.md with their default sizes, the smaller --quick
// sizes, and the command-line overrides applied to them.

export const SCENARIO_NAMES = ['fanout', 'many-rooms', 'idle', 'max'] as const
export type ScenarioName = (typeof SCENARIO_NAMES)[number]

export interface Scenario {
  name: ScenarioName
  connections: number
  /** Connections per room. */
  roomSize: number
  /** Sending connections, spread evenly over the rooms (0: nobody sends). */
  senders: number
  /** Messages per second in, all senders together (max: the first rate tried). */
  ratePerSec: number
  /** Seconds of sending (idle: of holding; max: of each step). */
  durationS: number
}

export interface Overrides {
  quick: boolean
  connections?: number
  durationS?: number
}

const FULL: Record<ScenarioName, Scenario> = {
  // 1 room of 1,000, 5 senders, 100 msgs/s in: 100k deliveries/s out.
  fanout: {
    name: 'fanout',
    connections: 1000,
    roomSize: 1000,
    senders: 5,
    ratePerSec: 100,
    durationS: 10,
  },
  // 200 rooms of 10, every connection sends 1 msg/s: 2,000 msgs/s in, 20k deliveries/s out.
  'many-rooms': {
    name: 'many-rooms',
    connections: 2000,
    roomSize: 10,
    senders: 2000,
    ratePerSec: 2000,
    durationS: 10,
  },
  // 5,000 connections in rooms of 10, holding while heartbeats run.
  idle: { name: 'idle', connections: 5000, roomSize: 10, senders: 0, ratePerSec: 0, durationS: 15 },
  // The fanout room, the rate raised step by step from 100 msgs/s.
  max: {
    name: 'max',
    connections: 1000,
    roomSize: 1000,
    senders: 5,
    ratePerSec: 100,
    durationS: 5,
  },
}

const QUICK_CONNECTIONS: Record<ScenarioName, number> = {
  fanout: 200,
  'many-rooms': 400,
  idle: 1000,
  max: 200,
}
const QUICK_DURATION_S = 3

export function scenario(name: ScenarioName, o: Overrides): Scenario {
  const full = FULL[name]
  const connections = o.connections ?? (o.quick ? QUICK_CONNECTIONS[name] : full.connections)
  const durationS = o.durationS ?? (o.quick ? QUICK_DURATION_S : full.durationS)
  // The shape stays: one room stays one room, every-connection-sends stays that way.
  const oneRoom = full.roomSize === full.connections
  const everyoneSends = full.senders === full.connections
  return {
    name,
    connections,
    roomSize: oneRoom ? connections : full.roomSize,
    senders: everyoneSends ? connections : Math.min(full.senders, connections),
    ratePerSec: everyoneSends
      ? connections * (full.ratePerSec / full.connections)
      : full.ratePerSec,
    durationS,
  }
}

/** The deliveries per second a scenario asks for (each message reaches every room member). */
export function targetDeliveriesPerSec(s: Scenario): number {
  return s.ratePerSec * Math.min(s.roomSize, s.connections)
}
