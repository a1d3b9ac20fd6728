// The report's ratio rows and tables, and the checks of issue 4's targets.
import { describe, expect, it } from 'vitest'
import { errorRecord, type RunRecord } from './record'
import { ratioRows, ratiosTable, resultsTable } from './report'
import { scenario, type ScenarioName } from './scenarios'
import type { ServerName } from './servers/types'
import { checkTargets } from './targets'

function row(sc: ScenarioName, server: ServerName, figures: Partial<RunRecord>): RunRecord {
  return {
    ...errorRecord(scenario(sc, { quick: false }), server, ''),
    status: 'ok',
    failure: undefined,
    deliveredRatio: 1,
    ...figures,
  }
}

const records = [
  row('fanout', 'parley-memory', { serverUsPerDelivery: 3, deliveriesPerSec: 100_000 }),
  row('fanout', 'parley-redis', {
    serverUsPerDelivery: 6,
    redisUsPerDelivery: 1,
    deliveriesPerSec: 100_000,
  }),
  row('fanout', 'bare-ws', { serverUsPerDelivery: 6 }),
  row('fanout', 'socketio', { serverUsPerDelivery: 8 }),
  row('max', 'parley-memory', { deliveriesPerSec: 500_000 }),
  row('max', 'bare-ws', { deliveriesPerSec: 160_000 }),
  {
    ...row('max', 'socketio', { deliveriesPerSec: 90_000 }),
    status: 'FAILED' as const,
    failure: 'lost',
  },
]

describe('ratioRows', () => {
  it('divides Parley by each rival, figure by figure', () => {
    const fanout = ratioRows(records).filter((r) => r.scenario === 'fanout')
    expect(fanout.map((r) => r.figure)).toEqual([
      'server us/delivery',
      'server+redis us/delivery',
      'p99 ms',
    ])
    expect(fanout[0]!.ratios).toEqual({
      'parley-memory/bare-ws': 0.5,
      'parley-memory/socketio': 0.375,
      'parley-redis/bare-ws': 1,
      'parley-redis/socketio': 0.75,
    })
    expect(fanout[1]!.ratios['parley-redis/bare-ws']).toBeCloseTo(7 / 6)
  })

  it('gives no ratio against a FAILED row or a missing one, and skips scenarios not run', () => {
    const max = ratioRows(records).filter((r) => r.scenario === 'max')
    expect(max).toHaveLength(1)
    expect(max[0]!.ratios['parley-memory/bare-ws']).toBeCloseTo(3.125)
    expect(max[0]!.ratios['parley-memory/socketio']).toBeUndefined()
    expect(max[0]!.ratios['parley-redis/bare-ws']).toBeUndefined()
    expect(ratioRows(records).some((r) => r.scenario === 'idle')).toBe(false)
  })

  it('prints as markdown, a dash where there is no ratio', () => {
    const table = ratiosTable(ratioRows(records)).split('\n')
    expect(table[0]).toBe(
      '| scenario | figure | parley-memory/bare-ws | parley-memory/socketio | parley-redis/bare-ws | parley-redis/socketio |',
    )
    expect(table).toContain('| max | deliveries/s (higher is better) | 3.13x | - | - | - |')
  })
})

describe('resultsTable', () => {
  it('has one row per run and says why a row FAILED', () => {
    const lines = resultsTable(records).split('\n')
    expect(lines).toHaveLength(2 + records.length)
    expect(lines.at(-1)).toMatch(/\| max \| socketio \|.*\| FAILED: lost \|$/)
  })
})

describe('checkTargets', () => {
  it('checks the ratios the issue sets, and leaves unmeasured ones open', () => {
    const checks = checkTargets(records)
    const find = (t: string) => checks.find((c) => c.target.startsWith(t))!
    expect(find('fanout: parley-redis <= 1.0x bare-ws').pass).toBe(true)
    expect(find('max: parley-memory >= 400,000').pass).toBe(true)
    expect(find('max: parley-redis >= 400,000').pass).toBeUndefined()
    expect(find('idle: parley-memory <= 1.3x').pass).toBeUndefined()
    expect(find('fanout: parley-redis ahead of socketio in server us/delivery').pass).toBe(true)
    expect(find('max: parley-memory ahead of socketio').pass).toBeUndefined()
  })
})
