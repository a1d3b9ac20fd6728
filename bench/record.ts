// One result row of the benchmark (a line of bench/results/*.jsonl) and how a step's raw
// figures become one.
import type { CpuWindow } from './measure/cpu-window'
import { noiseWarning } from './measure/cpu-window'
import type { LatencySummary } from './measure/latency'
import type { HoldResult, StepResult } from './load/messages'
import type { Scenario, ScenarioName } from './scenarios'
import type { ServerName } from './servers/types'

export interface MaxStep {
  ratePerSec: number
  deliveriesPerSec: number
  deliveredRatio: number
  p99Ms: number
  serverUsPerDelivery: number
  loadCpuShare: number
  pass: boolean
}

export interface RunRecord {
  at: string
  scenario: ScenarioName
  server: ServerName
  connections: number
  roomSize: number
  senders: number
  /** Messages per second in (max: of the best passing step). */
  ratePerSec: number
  durationS: number
  status: 'ok' | 'FAILED'
  failure?: string
  sent: number
  expected: number
  delivered: number
  deliveredRatio: number
  deliveriesPerSec: number
  latency: LatencySummary
  wallS: number
  serverCpuS: number
  redisCpuS?: number
  loadCpuS: number
  /** Share of one core the load generator used: near 1.0 it, not the server, set the pace. */
  loadCpuShare: number
  serverUsPerDelivery?: number
  redisUsPerDelivery?: number
  /** Server RSS before the first connection, after a forced full GC. */
  rssBaselineKiB: number
  /** Server RSS at the end, after a forced full GC (the per-connection figure uses this). */
  rssKiB: number
  /** Server RSS at the end as found, garbage included. */
  rssNoGcKiB: number
  rssPerConnKiB: number
  errors: number
  closed: number
  samples: string[]
  /** Deliveries of messages from the step before (warm-up, a slower max step), not counted. */
  late?: number
  /** Idle: heartbeats each connection received while holding. */
  heartbeatsPerConn?: number
  /** Idle: server CPU per connection per second of holding. */
  serverUsPerConnSec?: number
  othersCpuS: number
  noise?: string
  maxSteps?: MaxStep[]
}

export interface RssReading {
  baselineKiB: number
  afterKiB: number
  afterNoGcKiB: number
}

export interface Measured<R> {
  result: R
  window: CpuWindow
}

/** What every row carries whatever the scenario. */
export function baseRecord(
  sc: Scenario,
  server: ServerName,
  window: CpuWindow,
  rss: RssReading,
): Omit<
  RunRecord,
  | 'status'
  | 'sent'
  | 'expected'
  | 'delivered'
  | 'deliveredRatio'
  | 'deliveriesPerSec'
  | 'latency'
  | 'errors'
  | 'closed'
  | 'samples'
> {
  const cpu = (role: string) => window.cpuS[role] ?? 0
  return {
    ...runOf(sc, server),
    wallS: round(window.wallS, 3),
    serverCpuS: cpu('server'),
    ...(window.cpuS.redis !== undefined ? { redisCpuS: cpu('redis') } : {}),
    loadCpuS: cpu('load'),
    loadCpuShare: round(cpu('load') / Math.max(window.wallS, 1e-9), 2),
    rssBaselineKiB: rss.baselineKiB,
    rssKiB: rss.afterKiB,
    rssNoGcKiB: rss.afterNoGcKiB,
    rssPerConnKiB: round((rss.afterKiB - rss.baselineKiB) / sc.connections, 2),
    othersCpuS: round(window.othersS, 2),
    noise: noiseWarning(window),
  }
}

export function sendRecord(
  sc: Scenario,
  server: ServerName,
  { result: r, window }: Measured<StepResult>,
  rss: RssReading,
): RunRecord {
  const base = baseRecord(sc, server, window, rss)
  const ratio = r.expected === 0 ? 0 : r.delivered / r.expected
  const perDelivery = (s: number | undefined) =>
    s === undefined || r.delivered === 0 ? undefined : round((s * 1e6) / r.delivered, 2)
  const failure = failureOf(r, ratio)
  return {
    ...base,
    ...(failure ? { status: 'FAILED', failure } : { status: 'ok' }),
    sent: r.sent,
    expected: r.expected,
    delivered: r.delivered,
    deliveredRatio: round(ratio, 4),
    deliveriesPerSec: Math.round(r.delivered / Math.max(r.spanS, 1e-9)),
    latency: r.latency,
    serverUsPerDelivery: perDelivery(base.serverCpuS),
    redisUsPerDelivery: perDelivery(base.redisCpuS),
    errors: r.errors,
    closed: r.closed,
    samples: r.samples,
    late: r.late,
  }
}

export function holdRecord(
  sc: Scenario,
  server: ServerName,
  { result: r, window }: Measured<HoldResult>,
  rss: RssReading,
): RunRecord {
  const base = baseRecord(sc, server, window, rss)
  const heartbeats = Math.max(r.pings, r.wsPings) / sc.connections
  const lost = sc.connections - r.open
  const failure =
    lost > 0 || r.errors > 0
      ? `${lost} connections lost, ${r.errors} errors`
      : heartbeats < 2
        ? 'fewer than 2 heartbeats per connection while holding'
        : undefined
  return {
    ...base,
    ...(failure ? { status: 'FAILED', failure } : { status: 'ok' }),
    sent: 0,
    expected: 0,
    delivered: 0,
    deliveredRatio: r.open / sc.connections,
    deliveriesPerSec: 0,
    latency: { count: 0, p50Ms: 0, p95Ms: 0, p99Ms: 0, maxMs: 0 },
    heartbeatsPerConn: round(heartbeats, 2),
    serverUsPerConnSec: round(
      (base.serverCpuS * 1e6) / sc.connections / Math.max(window.wallS, 1e-9),
      2,
    ),
    errors: r.errors,
    closed: r.closed,
    samples: r.samples,
  }
}

/** A benchmark that loses or refuses messages has failed, whatever its speed. */
export function failureOf(r: StepResult, ratio: number): string | undefined {
  if (r.sent === 0) return 'nothing was sent'
  if (ratio !== 1) return `delivered ${r.delivered} of ${r.expected}`
  if (r.errors > 0 || r.closed > 0) return `${r.errors} errors, ${r.closed} connections closed`
  return undefined
}

export function round(n: number, digits: number): number {
  const f = 10 ** digits
  return Math.round(n * f) / f
}

/** The row of a run that could not be measured at all (a server that did not start, ...). */
export function errorRecord(sc: Scenario, server: ServerName, failure: string): RunRecord {
  return {
    ...runOf(sc, server),
    status: 'FAILED',
    failure,
    sent: 0,
    expected: 0,
    delivered: 0,
    deliveredRatio: 0,
    deliveriesPerSec: 0,
    latency: { count: 0, p50Ms: 0, p95Ms: 0, p99Ms: 0, maxMs: 0 },
    wallS: 0,
    serverCpuS: 0,
    loadCpuS: 0,
    loadCpuShare: 0,
    rssBaselineKiB: 0,
    rssKiB: 0,
    rssNoGcKiB: 0,
    rssPerConnKiB: 0,
    errors: 0,
    closed: 0,
    samples: [],
    othersCpuS: 0,
  }
}

/** What every row says about the run it measured: when, which scenario at which size, which server. */
function runOf(sc: Scenario, server: ServerName) {
  return {
    at: new Date().toISOString(),
    scenario: sc.name,
    server,
    connections: sc.connections,
    roomSize: sc.roomSize,
    senders: sc.senders,
    ratePerSec: sc.ratePerSec,
    durationS: sc.durationS,
  }
}
