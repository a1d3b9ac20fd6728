// The markdown report on stdout: one row per scenario and server, then Parley's ratios to
// bare ws and socket.io on each scenario's deciding figure.
import type { RunRecord } from './record'
import type { ScenarioName } from './scenarios'
import type { ServerName } from './servers/types'

const PARLEYS: ServerName[] = ['parley-memory', 'parley-redis']
const RIVALS: ServerName[] = ['bare-ws', 'socketio']

export interface Figure {
  label: string
  /** The figure of a row, undefined when the row lacks it. */
  of: (r: RunRecord) => number | undefined
  lowerIsBetter: boolean
  /** A figure the "ahead of socket.io on every row" target is about (latency is not). */
  target: boolean
}

// Both traffic scenarios are judged on the same figures: CPU per delivery, then latency.
const TRAFFIC_FIGURES: Figure[] = [
  {
    label: 'server us/delivery',
    of: (r) => r.serverUsPerDelivery,
    lowerIsBetter: true,
    target: true,
  },
  { label: 'server+redis us/delivery', of: withRedis, lowerIsBetter: true, target: true },
  { label: 'p99 ms', of: (r) => r.latency.p99Ms, lowerIsBetter: true, target: false },
]

/** The figures the targets compare, per scenario. */
export const FIGURES: Record<ScenarioName, Figure[]> = {
  fanout: TRAFFIC_FIGURES,
  'many-rooms': TRAFFIC_FIGURES,
  idle: [{ label: 'RSS KiB/conn', of: (r) => r.rssPerConnKiB, lowerIsBetter: true, target: true }],
  max: [
    { label: 'deliveries/s', of: (r) => r.deliveriesPerSec, lowerIsBetter: false, target: true },
  ],
}

function withRedis(r: RunRecord): number | undefined {
  if (r.serverUsPerDelivery === undefined) return undefined
  return r.serverUsPerDelivery + (r.redisUsPerDelivery ?? 0)
}

/** Parley's figure beside a rival's in one scenario. */
export interface Comparison {
  parley: number
  rival: number
  /** Why the rival's row FAILED: Parley carried a load the rival could not. */
  rivalFailure?: string
}

/**
 * Undefined unless Parley's row passed and both figures were measured. A FAILED Parley row gives
 * nothing (a benchmark that loses messages has failed); a FAILED rival row still gives its figure.
 */
export function compare(
  records: RunRecord[],
  scenario: ScenarioName,
  parley: ServerName,
  rival: ServerName,
  of: (r: RunRecord) => number | undefined,
): Comparison | undefined {
  const row = (server: ServerName) =>
    records.find((r) => r.scenario === scenario && r.server === server)
  const p = row(parley)
  const r = row(rival)
  if (p?.status !== 'ok' || r === undefined) return undefined
  const a = of(p)
  const b = of(r)
  if (a === undefined || b === undefined || b === 0) return undefined
  return r.status === 'ok'
    ? { parley: a, rival: b }
    : { parley: a, rival: b, rivalFailure: r.failure ?? 'FAILED' }
}

export interface Ratio {
  x: number
  rivalFailed: boolean
}

export interface RatioRow {
  scenario: ScenarioName
  figure: string
  lowerIsBetter: boolean
  /** Keyed `parley-memory/bare-ws` and so on; undefined where `compare` gives nothing. */
  ratios: Record<string, Ratio | undefined>
}

/** Parley / rival for every figure. */
export function ratioRows(records: RunRecord[]): RatioRow[] {
  const rows: RatioRow[] = []
  for (const scenario of Object.keys(FIGURES) as ScenarioName[]) {
    if (!records.some((r) => r.scenario === scenario)) continue
    for (const figure of FIGURES[scenario]) {
      const ratios: Record<string, Ratio | undefined> = {}
      for (const p of PARLEYS) {
        for (const rival of RIVALS) {
          const c = compare(records, scenario, p, rival, figure.of)
          ratios[`${p}/${rival}`] = c && {
            x: c.parley / c.rival,
            rivalFailed: c.rivalFailure !== undefined,
          }
        }
      }
      rows.push({ scenario, figure: figure.label, lowerIsBetter: figure.lowerIsBetter, ratios })
    }
  }
  return rows
}

const num = (n: number | undefined, digits = 0) =>
  n === undefined
    ? '-'
    : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

export function resultsTable(records: RunRecord[]): string {
  const head = [
    'scenario',
    'server',
    'conns',
    'msgs/s in',
    'deliveries/s',
    'delivered',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'server us/deliv',
    'redis us/deliv',
    'RSS KiB/conn',
    'errors',
    'gen CPU',
    'status',
  ]
  const rows = records.map((r) => {
    const idle = r.scenario === 'idle'
    return [
      r.scenario,
      r.server,
      num(r.connections),
      idle ? '-' : num(r.ratePerSec),
      idle ? '-' : num(r.deliveriesPerSec),
      r.deliveredRatio.toFixed(4),
      idle ? '-' : num(r.latency.p50Ms, 1),
      idle ? '-' : num(r.latency.p95Ms, 1),
      idle ? '-' : num(r.latency.p99Ms, 1),
      num(r.serverUsPerDelivery, 2),
      num(r.redisUsPerDelivery, 2),
      num(r.rssPerConnKiB, 1),
      String(r.errors + r.closed),
      `${Math.round(r.loadCpuShare * 100)}%`,
      r.status === 'ok' ? 'ok' : `FAILED: ${r.failure ?? ''}`,
    ]
  })
  return markdown(head, rows)
}

export function ratiosTable(rows: RatioRow[]): string {
  const pairs = PARLEYS.flatMap((p) => RIVALS.map((rival) => [`${p}/${rival}`, rival] as const))
  const head = ['scenario', 'figure', ...pairs.map(([key]) => key)]
  return markdown(
    head,
    rows.map((row) => [
      row.scenario,
      `${row.figure} (${row.lowerIsBetter ? 'lower' : 'higher'} is better)`,
      ...pairs.map(([key, rival]) => ratioCell(row.ratios[key], rival)),
    ]),
  )
}

function ratioCell(r: Ratio | undefined, rival: ServerName): string {
  if (r === undefined) return '-'
  return `${r.x.toFixed(2)}x${r.rivalFailed ? ` (${rival} FAILED)` : ''}`
}

/** Lines under the tables: what each run used, idle heartbeats, noise, failures' first errors. */
export function notes(records: RunRecord[]): string[] {
  const out: string[] = []
  for (const r of records) {
    const who = `${r.scenario}/${r.server}`
    if (r.heartbeatsPerConn !== undefined) {
      out.push(
        `${who}: held ${r.durationS} s, ${r.heartbeatsPerConn} heartbeats per connection, server ${num(r.serverUsPerConnSec, 2)} us CPU per connection-second`,
      )
    }
    if (r.maxSteps) {
      const steps = r.maxSteps.map(
        (s) => `${s.ratePerSec}/s:${num(s.deliveriesPerSec)}${s.pass ? '' : ' (fail)'}`,
      )
      out.push(`${who}: steps (msgs/s in: deliveries/s) ${steps.join(', ')}`)
    }
    if (r.loadCpuShare >= 0.9) {
      out.push(
        `${who}: the load generator used ${Math.round(r.loadCpuShare * 100)}% of a core: it, not the server, may have set the pace`,
      )
    }
    if (r.noise) out.push(`WARNING ${who}: ${r.noise}`)
    for (const s of r.samples) out.push(`${who}: ${s}`)
  }
  return out
}

function markdown(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n')
}
