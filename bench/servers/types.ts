// What the harness knows about a server under test, whichever it is.
import type { ProtocolName } from '../load/protocols'

export const SERVER_NAMES = ['parley-memory', 'parley-redis', 'bare-ws', 'socketio'] as const
export type ServerName = (typeof SERVER_NAMES)[number]

export interface ServerSettings {
  heartbeatMs: number
  /** The most frames one connection sends per second in any scenario (Parley's rate limit). */
  maxSendsPerConnPerSec: number
  /** When set, Parley writes a V8 CPU profile there at exit (node --cpu-prof). */
  cpuProfDir?: string
  /** Start the server's V8 inspector (a benchmark run forces GCs through it; tests never). */
  inspect?: boolean
}

export interface RunningServer {
  name: ServerName
  protocol: ProtocolName
  port: number
  /** The V8 inspector's loopback port of the server process, when `inspect` was set. */
  inspectPort: number | undefined
  /** Processes whose CPU counts for this server: the server itself, and Redis where used. */
  pids: { server: number; redis?: number }
  /** The HS256 secret of the tokens the server accepts (Parley only). */
  jwtSecret?: string
  stop(): Promise<void>
}
