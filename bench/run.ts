// `npm run bench`: every chosen scenario against every chosen server, one after another; JSON
// lines to bench/results/, the markdown report to stdout, then the desktop client's figures.
import { spawn } from 'node:child_process'
import { appendFileSync, existsSync, mkdirSync } from 'node:fs'
import { cpus } from 'node:os'
import { fileURLToPath } from 'node:url'
import { killStartedRedisServers } from '../server/testing/redis-server'
import { USAGE, parseArgs, type BenchArgs } from './cli-args'
import { killAgents } from './load/agent-process'
import { errorRecord, type RunRecord } from './record'
import { markdownReport } from './markdown-report'
import { runScenario } from './run-scenario'
import { scenario, targetDeliveriesPerSec } from './scenarios'
import { killAll } from './servers/child-server'

const RESULTS = fileURLToPath(new URL('./results/', import.meta.url))
const CLIENT_BENCH = fileURLToPath(new URL('./client/run.ts', import.meta.url))
/** Parley's rate limit during the bench: above any sender's rate; the limiter still runs. */
const RATE_LIMIT_PER_SEC = 100_000
const CLIENT_BENCH_TIMEOUT_MS = 10 * 60_000

let args: BenchArgs
try {
  args = parseArgs(process.argv.slice(2))
} catch (err) {
  console.error(`${(err as Error).message}\n${USAGE}`)
  process.exit(2)
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping every process the bench started`)
    killEverything()
    process.exit(130)
  })
}

const log = (line: string) => console.error(line)
mkdirSync(RESULTS, { recursive: true })
const resultsFile = `${RESULTS}${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`
const records: RunRecord[] = []
let clientGroup: number | undefined

const machine = `${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), node ${process.version}`
const used: string[] = [
  `${machine}; heartbeat ${args.heartbeatMs} ms, warm-up ${args.warmupS} s, ${args.payloadBytes}-byte messages`,
]
log(`parley bench: ${machine}`)
for (const name of args.scenarios) {
  const sc = scenario(name, args)
  used.push(
    `${name}: ${sc.connections} connections, rooms of ${sc.roomSize}, ${sc.senders} senders, ` +
      (name === 'idle'
        ? `holding ${sc.durationS} s or 3 heartbeats, whichever is longer`
        : `${sc.ratePerSec} msgs/s in (${targetDeliveriesPerSec(sc).toLocaleString('en-US')} deliveries/s)` +
          `${name === 'max' ? ' and up' : ''}, ${sc.durationS} s`),
  )
  log(`\n${used.at(-1)!}`)
  for (const server of args.servers) {
    log(`- ${server}`)
    let record: RunRecord
    try {
      record = await runScenario(sc, server, {
        settings: {
          heartbeatMs: args.heartbeatMs,
          maxSendsPerConnPerSec: RATE_LIMIT_PER_SEC,
          cpuProfDir: args.cpuProfDir,
        },
        warmupS: args.warmupS,
        payloadBytes: args.payloadBytes,
        log,
      })
    } catch (err) {
      record = errorRecord(sc, server, (err as Error).message.split('\n')[0]!)
    }
    log(`  ${record.status}${record.failure ? `: ${record.failure}` : ''}`)
    records.push(record)
    appendFileSync(resultsFile, `${JSON.stringify(record)}\n`)
  }
}

const out: string[] = ['## Runs', '', ...used.map((u) => `- ${u}`), '']
out.push(...markdownReport(records), `JSON lines: ${resultsFile}`)
console.log(out.join('\n'))

if (args.client && existsSync(CLIENT_BENCH)) {
  console.log('\n## Desktop client (npm run bench:client)\n')
  console.log(await runClientBench())
}
process.exit(records.some((r) => r.status !== 'ok') ? 1 : 0)

function runClientBench(): Promise<string> {
  return new Promise((resolve) => {
    // Its own process group, so npm and what it started go together.
    const child = spawn('npm', ['run', '--silent', 'bench:client'], {
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    })
    clientGroup = child.pid
    let text = ''
    const timer = setTimeout(() => killClientBench(), CLIENT_BENCH_TIMEOUT_MS)
    child.stdout.on('data', (d: Buffer) => (text += d.toString()))
    child.once('exit', (code) => {
      clearTimeout(timer)
      clientGroup = undefined
      resolve(code === 0 ? text.trim() : `${text.trim()}\n(bench:client exited ${code})`)
    })
  })
}

function killClientBench(): void {
  if (clientGroup === undefined) return
  try {
    process.kill(-clientGroup, 'SIGKILL')
  } catch {
    // Already gone.
  }
}

function killEverything(): void {
  killClientBench()
  killAgents()
  killAll()
  killStartedRedisServers()
}
