// The generator against each real server process: every protocol handshake, enter and delivery.
import { afterAll, describe, expect, it } from 'vitest'
import { startServer } from '../servers/catalog'
import { SERVER_NAMES, type RunningServer } from '../servers/types'
import { Fleet } from './fleet'
import { hold, runStep } from './sender'

const started: RunningServer[] = []
afterAll(async () => {
  await Promise.all(started.map((s) => s.stop()))
})

describe.each(SERVER_NAMES)('load generator against %s', (name) => {
  it('enters two rooms, delivers every message to every member once, and sees heartbeats', async () => {
    const server = await startServer(name, { heartbeatMs: 300, maxSendsPerConnPerSec: 1000 })
    started.push(server)
    const fleet = new Fleet({
      protocol: server.protocol,
      port: server.port,
      connections: 6,
      roomSize: 3,
      jwtSecret: server.jwtSecret,
      payloadBytes: 40,
      connectConcurrency: 3,
      connectTimeoutS: 10,
    })
    try {
      await fleet.connectAll()
      const r = await runStep(
        fleet,
        { senders: 2, ratePerSec: 40, durationS: 0.5, drainTimeoutS: 5 },
        40,
      )
      expect(r.sent).toBe(20)
      // Two senders, one per room of three: each message reaches its three members.
      expect(r).toMatchObject({ expected: 60, delivered: 60, errors: 0, closed: 0, late: 0 })
      expect(r.latency.count).toBe(60)
      const held = await hold(fleet, 1)
      expect(held.open).toBe(6)
      expect(Math.max(held.pings, held.wsPings)).toBeGreaterThanOrEqual(6)
    } finally {
      fleet.destroyAll()
    }
  })
})
