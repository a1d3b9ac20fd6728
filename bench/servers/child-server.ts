// A server under test as a child process: started with node and tsx on PORT=0, ready when it
// reports over its IPC channel the port it bound (no free port is picked beforehand, so none
// can be taken in between), stopped by pid; whatever is still running at exit is SIGKILLed.
// Only a benchmark run asks for the V8 inspector (bench/measure/gc-probe.ts forces a GC
// through it); it too binds port 0 and the port is read from what node prints.
import { spawn, type ChildProcess } from 'node:child_process'

const READY_TIMEOUT_MS = 30_000
const STOP_GRACE_MS = 10_000
const INSPECTOR_LINE = /Debugger listening on ws:\/\/127\.0\.0\.1:(\d+)\//

const running = new Set<ChildProcess>()
process.once('exit', killAll)

export interface ChildServer {
  readonly pid: number
  readonly port: number
  /** The V8 inspector's loopback port, when `inspect` was asked for. */
  readonly inspectPort: number | undefined
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
  /** Start the V8 inspector on a loopback port (benchmark runs, never tests). */
  inspect?: boolean
}

/** SIGKILLs every child server still running (process exit, SIGINT). */
export function killAll(): void {
  for (const child of running) child.kill('SIGKILL')
  running.clear()
}

export async function startChildServer(o: ChildServerOptions): Promise<ChildServer> {
  const nodeArgs = [...(o.inspect ? ['--inspect=127.0.0.1:0'] : []), ...(o.nodeArgs ?? [])]
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', o.script], {
    env: { PATH: process.env.PATH ?? '', ...o.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  running.add(child)
  let tail = ''
  let inspectPort: number | undefined
  const keep = (d: Buffer) => {
    tail = (tail + d.toString()).slice(-4000)
    inspectPort ??= Number(INSPECTOR_LINE.exec(tail)?.[1]) || undefined
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running.delete(child)
      resolve()
    }),
  )
  const port = await new Promise<number | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), READY_TIMEOUT_MS)
    child.on('message', (m: { event?: string; port?: number }) => {
      if (m.event !== 'listening') return
      clearTimeout(timer)
      resolve(m.port)
    })
    void exited.then(() => {
      clearTimeout(timer)
      resolve(undefined)
    })
  })
  if (port === undefined || (o.inspect && inspectPort === undefined)) {
    child.kill('SIGKILL')
    await exited
    throw new Error(`${o.script} did not start:\n${tail}`)
  }
  // The channel carried the port; it must not keep either process waiting.
  child.disconnect()
  return {
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
}
