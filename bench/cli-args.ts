// The command line of `npm run bench`: which scenarios, which servers, and how big.
import { SCENARIO_NAMES, type ScenarioName } from './scenarios'
import { SERVER_NAMES, type ServerName } from './servers/types'

export interface BenchArgs {
  scenarios: ScenarioName[]
  servers: ServerName[]
  quick: boolean
  connections?: number
  durationS?: number
  warmupS: number
  heartbeatMs: number
  payloadBytes: number
  /** Write a V8 CPU profile of each Parley run into this folder. */
  cpuProfDir?: string
  /** Run `npm run bench:client` too when bench/client/run.ts exists. */
  client: boolean
}

export const USAGE = `usage: npm run bench -- [options]
  --scenario NAMES    comma-separated: ${SCENARIO_NAMES.join(', ')} (default: all)
  --servers NAMES     comma-separated: ${SERVER_NAMES.join(', ')}, or parley for both Parley
                      variants (default: all)
  --quick             smaller connection counts and 3 s runs
  --connections N     connections of every chosen scenario
  --duration S        seconds of sending/holding (max: per step)
  --warmup S          unmeasured sending before each measurement (default 2)
  --heartbeat-ms N    heartbeat interval of every server (default 5000)
  --payload N         bytes of message text (default 64)
  --cpu-prof DIR      write a V8 CPU profile of each Parley server into DIR
  --no-client         skip npm run bench:client`

export function parseArgs(argv: string[]): BenchArgs {
  const args: BenchArgs = {
    scenarios: [...SCENARIO_NAMES],
    servers: [...SERVER_NAMES],
    quick: false,
    warmupS: 2,
    heartbeatMs: 5000,
    payloadBytes: 64,
    client: true,
  }
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!
    const value = () => {
      const v = argv[++i]
      if (v === undefined) throw new Error(`${flag} needs a value`)
      return v
    }
    if (flag === '--quick') args.quick = true
    else if (flag === '--no-client') args.client = false
    else if (flag === '--scenario' || flag === '--scenarios')
      args.scenarios = names(value(), SCENARIO_NAMES)
    else if (flag === '--servers' || flag === '--server') args.servers = serverNames(value())
    else if (flag === '--connections') args.connections = positive(flag, value())
    else if (flag === '--duration') args.durationS = positive(flag, value())
    else if (flag === '--warmup') args.warmupS = positive(flag, value(), true)
    else if (flag === '--heartbeat-ms') args.heartbeatMs = positive(flag, value())
    else if (flag === '--payload') args.payloadBytes = positive(flag, value())
    else if (flag === '--cpu-prof') args.cpuProfDir = value()
    else throw new Error(`unknown option ${flag}`)
  }
  return args
}

function names<T extends string>(value: string, known: readonly T[]): T[] {
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  for (const n of list) if (!known.includes(n as T)) throw new Error(`unknown name ${n}`)
  if (list.length === 0) throw new Error('empty list')
  return list as T[]
}

function serverNames(value: string): ServerName[] {
  const expanded = value
    .split(',')
    .flatMap((n) => (n.trim() === 'parley' ? ['parley-memory', 'parley-redis'] : [n]))
  return names(expanded.join(','), SERVER_NAMES)
}

function positive(flag: string, value: string, zeroOk = false): number {
  const n = Number(value)
  if (!Number.isFinite(n) || n < 0 || (n === 0 && !zeroOk))
    throw new Error(`${flag} wants a positive number`)
  return n
}
