// A server under test as a child process on a free loopback port: started with node and tsx
// (and the inspector on another loopback port), ready when /healthz answers, stopped by pid;
// whatever is still running at exit is SIGKILLed.
import { spawn, type ChildProcess } from 'node:child_process'
import { freePort } from '../../server/testing/free-port'

const READY_TIMEOUT_MS = 30_000
const STOP_GRACE_MS = 10_000

const running = new Set<ChildProcess>()
process.once('exit', killAll)

export interface ChildServer {
  readonly pid: number
  readonly port: number
  /** The V8 inspector's loopback port (bench/measure/gc-probe.ts forces a GC through it). */
  readonly inspectPort: number
  /** SIGTERM, then SIGKILL after a grace period; resolves once the process has exited. */
  stop(): Promise<void>
  /** The last lines it printed, for error messages. */
  output(): string
}

export interface ChildServerOptions {
  script: string
  env: Record<string, string>
  /** Extra node flags (--cpu-prof ...). */
  nodeArgs?: string[]
}

/** SIGKILLs every child server still running (process exit, SIGINT). */
export function killAll(): void {
  for (const child of running) child.kill('SIGKILL')
  running.clear()
}

export async function startChildServer(o: ChildServerOptions): Promise<ChildServer> {
  const port = await freePort()
  const inspectPort = await freePort()
  const nodeArgs = [`--inspect=127.0.0.1:${inspectPort}`, ...(o.nodeArgs ?? [])]
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', o.script], {
    env: { PATH: process.env.PATH ?? '', ...o.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  let tail = ''
  const keep = (d: Buffer) => (tail = (tail + d.toString()).slice(-4000))
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running.delete(child)
      resolve()
    }),
  )
  const server: ChildServer = {
    pid: child.pid!,
    port,
    inspectPort,
    output: () => tail,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS)
      await exited
      clearTimeout(timer)
    },
  }
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`)
      if (res.ok) return server
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  child.kill('SIGKILL')
  await exited
  throw new Error(`${o.script} did not start:\n${tail}`)
}
