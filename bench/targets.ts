// The targets of docs/benchmarks.md, checked against one run's rows: each says what it asks,
// what was measured, and whether it holds (undefined when the run lacks a row it needs). A rival that
// FAILED a load Parley carried is still compared by its measured figure, and the failure noted.
import { compare, FIGURES } from './report'
import type { RunRecord } from './record'
import type { ScenarioName } from './scenarios'
import type { ServerName } from './servers/types'

export interface TargetCheck {
  target: string
  measured: string
  pass: boolean | undefined
}

const FANOUT_DELIVERIES_PER_SEC = 100_000
const MAX_DELIVERIES_PER_SEC = 400_000

export function checkTargets(records: RunRecord[]): TargetCheck[] {
  const row = (scenario: ScenarioName, server: ServerName) =>
    records.find((r) => r.scenario === scenario && r.server === server)
  const checks: TargetCheck[] = []
  const ratio = (
    target: string,
    scenario: ScenarioName,
    parley: ServerName,
    rival: ServerName,
    of: (r: RunRecord) => number | undefined,
    limit: number,
    higherIsBetter = false,
  ) => {
    const c = compare(records, scenario, parley, rival, of)
    if (c === undefined) {
      return checks.push({
        target,
        measured: 'not measured (row missing or FAILED)',
        pass: undefined,
      })
    }
    const { parley: va, rival: vb } = c
    // Higher is better (deliveries/s): the rival over Parley, so "<= limit" reads the same way.
    const x = higherIsBetter ? vb / va : va / vb
    const shown = higherIsBetter ? `${fmt(vb)} / ${fmt(va)}` : `${fmt(va)} / ${fmt(vb)}`
    // A rival that failed the load still has its measured figure, and the limit still applies.
    const failed =
      c.rivalFailure === undefined
        ? ''
        : `; ${rival} FAILED this load (${c.rivalFailure}), ${parley} carried it`
    checks.push({ target, measured: `${shown} = ${x.toFixed(2)}x${failed}`, pass: x <= limit })
  }
  const usPerDelivery = (r: RunRecord) => r.serverUsPerDelivery

  ratio(
    'fanout: parley-redis <= 1.0x bare-ws in server us/delivery',
    'fanout',
    'parley-redis',
    'bare-ws',
    usPerDelivery,
    1.0,
  )
  for (const p of ['parley-memory', 'parley-redis'] as const) {
    const r = row('fanout', p)
    const at = r ? `at ${r.deliveriesPerSec.toLocaleString('en-US')} deliveries/s` : ''
    checks.push({
      target: `fanout: ${p} p99 <= 50 ms at ${FANOUT_DELIVERIES_PER_SEC.toLocaleString('en-US')} deliveries/s`,
      measured: r ? `p99 ${r.latency.p99Ms} ms ${at}` : 'not measured',
      pass:
        r === undefined || r.connections * r.ratePerSec < FANOUT_DELIVERIES_PER_SEC
          ? undefined
          : r.status === 'ok' && r.latency.p99Ms <= 50,
    })
    const m = row('max', p)
    checks.push({
      target: `max: ${p} >= ${MAX_DELIVERIES_PER_SEC.toLocaleString('en-US')} deliveries/s, ratio 1.0000`,
      measured: m
        ? `${m.deliveriesPerSec.toLocaleString('en-US')} deliveries/s (${m.status})`
        : 'not measured',
      pass:
        m === undefined
          ? undefined
          : m.status === 'ok' && m.deliveriesPerSec >= MAX_DELIVERIES_PER_SEC,
    })
  }
  ratio(
    'many-rooms: parley-redis <= 1.5x bare-ws in server us/delivery',
    'many-rooms',
    'parley-redis',
    'bare-ws',
    usPerDelivery,
    1.5,
  )
  ratio(
    'many-rooms: parley-memory <= 1.2x bare-ws in server us/delivery',
    'many-rooms',
    'parley-memory',
    'bare-ws',
    usPerDelivery,
    1.2,
  )
  for (const p of ['parley-memory', 'parley-redis'] as const) {
    ratio(
      `idle: ${p} <= 1.3x bare-ws in RSS/conn`,
      'idle',
      p,
      'bare-ws',
      (r) => r.rssPerConnKiB,
      1.3,
    )
  }
  // "Parley ahead of socket.io on every row": each scenario's figures, both variants.
  for (const scenario of Object.keys(FIGURES) as ScenarioName[]) {
    for (const figure of FIGURES[scenario].filter((f) => f.target)) {
      for (const p of ['parley-memory', 'parley-redis'] as const) {
        if (!row(scenario, p) && !row(scenario, 'socketio')) continue
        const target = `${scenario}: ${p} ahead of socketio in ${figure.label}`
        ratio(target, scenario, p, 'socketio', figure.of, 1.0, !figure.lowerIsBetter)
      }
    }
  }
  return checks
}

function fmt(n: number): string {
  return n >= 1000 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2)
}

export function targetsTable(checks: TargetCheck[]): string {
  const lines = ['| target | measured | holds |', '| --- | --- | --- |']
  for (const c of checks) {
    lines.push(
      `| ${c.target} | ${c.measured} | ${c.pass === undefined ? '-' : c.pass ? 'yes' : 'NO'} |`,
    )
  }
  return lines.join('\n')
}
