// One scenario against one server: start the server, connect the load generator, warm up,
// measure inside a CPU window, and always stop both by pid, whatever failed.
import { AgentProcess } from './load/agent-process'
import type { LoadPlan, SendStep, StepResult } from './load/messages'
import { cpuWindow, snapshot, type OwnPids } from './measure/cpu-window'
import { collectGarbage } from './measure/gc-probe'
import { processRssKiB } from './measure/proc-stats'
import { searchMax } from './max-search'
import { holdRecord, sendRecord, type Measured, type RssReading, type RunRecord } from './record'
import type { Scenario } from './scenarios'
import { startServer } from './servers/catalog'
import type { RunningServer, ServerName, ServerSettings } from './servers/types'

const SETTLE_MS = 1000
/** After a forced GC, time for the freed pages to leave the RSS. */
const GC_SETTLE_MS = 500
/**
 * Forced GCs per RSS reading, the lowest reading kept. One was not enough: bare ws's RSS fell by
 * another 4 MB (0.8 KiB per idle connection) at the second, and a server still sending heartbeats
 * moves by 0.3 KiB per connection between readings.
 */
const GC_READINGS = 3
const CONNECT_CONCURRENCY = 50
/** Opening 5,000 Parley connections takes a while on 2 cores (JWT, presence, enter broadcasts). */
const CONNECT_TIMEOUT_S = 300
const DRAIN_TIMEOUT_S = 10
const MAX_DRAIN_TIMEOUT_S = 2

export interface RunOptions {
  settings: ServerSettings
  warmupS: number
  payloadBytes: number
  log: (line: string) => void
}

export async function runScenario(
  sc: Scenario,
  name: ServerName,
  o: RunOptions,
): Promise<RunRecord> {
  const server = await startServer(name, { ...o.settings, inspect: true })
  const agent = new AgentProcess()
  try {
    await sleep(SETTLE_MS)
    const collectedRss = async () => {
      let lowest = Infinity
      for (let i = 0; i < GC_READINGS; i++) {
        await collectGarbage(server.inspectPort!)
        await sleep(GC_SETTLE_MS)
        lowest = Math.min(lowest, processRssKiB(server.pids.server))
      }
      return lowest
    }
    const baselineKiB = await collectedRss()
    const pids: OwnPids = { ...server.pids, load: agent.pid, harness: process.pid }
    const ready = await agent.ask(
      { type: 'plan', plan: plan(sc, server, o) },
      'ready',
      CONNECT_TIMEOUT_S + 30,
    )
    o.log(`  ${ready.open} connections ready in ${ready.connectS.toFixed(1)} s`)
    // Read outside every CPU window: the forced GC is the harness's work, not the server's.
    const rss = async (): Promise<RssReading> => {
      const afterNoGcKiB = processRssKiB(server.pids.server)
      return { baselineKiB, afterNoGcKiB, afterKiB: await collectedRss() }
    }

    if (sc.name === 'idle') {
      // Long enough for every connection to see at least two heartbeats, whatever the phase.
      const durationS = Math.max(sc.durationS, (3 * o.settings.heartbeatMs) / 1000)
      const before = snapshot(pids)
      const result = await agent.ask({ type: 'hold', durationS }, 'held', durationS + 30)
      const window = cpuWindow(before, snapshot(pids))
      return holdRecord({ ...sc, durationS }, name, { result, window }, await rss())
    }

    const step = (ratePerSec: number, durationS: number, drainTimeoutS: number): SendStep => ({
      senders: sc.senders,
      ratePerSec,
      durationS,
      drainTimeoutS,
    })
    if (o.warmupS > 0) await measure(agent, pids, step(sc.ratePerSec, o.warmupS, DRAIN_TIMEOUT_S))

    if (sc.name === 'max') {
      const search = await searchMax(sc.ratePerSec, async (rate) => {
        const m = await measure(agent, pids, step(rate, sc.durationS, MAX_DRAIN_TIMEOUT_S))
        const record = sendRecord({ ...sc, ratePerSec: rate }, name, m, await rss())
        o.log(
          `  ${rate} msgs/s: ${record.deliveriesPerSec} deliveries/s, ratio ${record.deliveredRatio}, p99 ${record.latency.p99Ms} ms`,
        )
        return record
      })
      return search
    }
    const m = await measure(agent, pids, step(sc.ratePerSec, sc.durationS, DRAIN_TIMEOUT_S))
    return sendRecord(sc, name, m, await rss())
  } finally {
    await agent.stop()
    await server.stop()
  }
}

async function measure(
  agent: AgentProcess,
  pids: OwnPids,
  step: SendStep,
): Promise<Measured<StepResult>> {
  const before = snapshot(pids)
  const result = await agent.ask(
    { type: 'send', ...step },
    'sent',
    step.durationS + step.drainTimeoutS + 30,
  )
  return { result, window: cpuWindow(before, snapshot(pids)) }
}

function plan(sc: Scenario, server: RunningServer, o: RunOptions): LoadPlan {
  return {
    protocol: server.protocol,
    port: server.port,
    connections: sc.connections,
    roomSize: sc.roomSize,
    jwtSecret: server.jwtSecret,
    payloadBytes: o.payloadBytes,
    connectConcurrency: CONNECT_CONCURRENCY,
    connectTimeoutS: CONNECT_TIMEOUT_S,
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms))
}
