// Test fixture: a private redis-server process per test file, never the machine's shared 6379.
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './free-port'

const REDIS_BINARY = '/usr/bin/redis-server'
const SETPRIV = '/usr/bin/setpriv'
const READY_TIMEOUT_MS = 10_000
const STOP_GRACE_MS = 5_000
const BIND_ATTEMPTS = 5
const PORT_TAKEN = 'Address already in use'
const READY_LINE = /ready to accept connections/i

export interface RedisServer {
  readonly port: number
  readonly url: string
  /** The redis-server process, for readings from /proc (the benchmark lists its CPU). */
  readonly pid: number | undefined
  /** Graceful shutdown (SIGTERM), resolves once the process has exited. */
  stop(): Promise<void>
  /** SIGKILL: a crash, as far as clients can tell. */
  kill(): Promise<void>
  /** Starts a fresh, empty server on the same port after stop() or kill(). */
  restart(): Promise<void>
  /** SIGSTOP: Redis hangs (a partition, as far as clients can tell) but keeps its data. */
  pause(): void
  /** SIGCONT after pause(). */
  resume(): void
}

const running = new Set<ChildProcess>()
let exitHookInstalled = false

/**
 * SIGKILLs every redis-server this process started and has not stopped yet. Runs by itself at
 * process exit; a global teardown may call it earlier.
 */
export function killStartedRedisServers(): void {
  for (const child of running) child.kill('SIGKILL')
  running.clear()
}

/** Starts a private redis-server on a loopback port of its own. */
export async function startRedisServer(): Promise<RedisServer> {
  if (!exitHookInstalled) {
    exitHookInstalled = true
    process.once('exit', killStartedRedisServers)
  }
  const dir = mkdtempSync(join(tmpdir(), 'parley-redis-'))
  const { port, child: first } = await launchOnFreePort(dir)
  let child = first

  const signal = async (sig: NodeJS.Signals, graceMs: number) => {
    const current = child
    if (current.exitCode !== null || current.signalCode !== null) return
    const exited = new Promise<void>((resolve) => current.once('exit', () => resolve()))
    current.kill(sig)
    const timer = setTimeout(() => current.kill('SIGKILL'), graceMs)
    await exited
    clearTimeout(timer)
    running.delete(current)
  }

  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    get pid() {
      return child.pid
    },
    async stop() {
      await signal('SIGTERM', STOP_GRACE_MS)
      rmSync(dir, { recursive: true, force: true })
    },
    kill: () => signal('SIGKILL', 0),
    async restart() {
      await signal('SIGKILL', 0)
      child = await launch(port, dir)
    },
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
  }
}

// redis-server cannot bind port 0 and say which port it got, so a port found free may be taken
// before it binds: then it fails with "Address already in use" and another port is tried.
async function launchOnFreePort(dir: string): Promise<{ port: number; child: ChildProcess }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort()
    try {
      return { port, child: await launch(port, dir) }
    } catch (err) {
      if (attempt >= BIND_ATTEMPTS || !(err as Error).message.includes(PORT_TAKEN)) throw err
    }
  }
}

async function launch(port: number, dir: string): Promise<ChildProcess> {
  mkdirSync(dir, { recursive: true })
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']
  // setpriv execs redis-server under the same pid with a parent-death signal, so even a test
  // worker that is SIGKILLed or runs out of memory (no 'exit' event) leaves no server behind.
  const [command, argv] = existsSync(SETPRIV)
    ? [SETPRIV, ['--pdeathsig', 'KILL', REDIS_BINARY, ...args]]
    : [REDIS_BINARY, args]
  const child = spawn(command, argv, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] })
  running.add(child)
  let output = ''
  const keepTail = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-2000)
  }
  child.stdout?.on('data', keepTail)
  child.stderr?.on('data', keepTail)
  let failed = false
  child.once('error', (error) => {
    failed = true
    output += String(error)
  })

  // Ready when this process says so: a PING could be answered by another server that holds
  // the port while ours fails to bind it.
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (!READY_LINE.test(output)) {
    if (failed || child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL')
      running.delete(child)
      throw new Error(`redis-server on port ${port} did not start:\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  return child
}
