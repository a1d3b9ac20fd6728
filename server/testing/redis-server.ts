// Test fixture: a private redis-server process per test file, never the machine's shared 6379.
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createConnection } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './free-port'

const REDIS_BINARY = '/usr/bin/redis-server'
const SETPRIV = '/usr/bin/setpriv'
const READY_TIMEOUT_MS = 10_000
const STOP_GRACE_MS = 5_000

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

/** Starts a private redis-server; on `port` when given (a server that was told to expect it there). */
export async function startRedisServer(port?: number): Promise<RedisServer> {
  if (!exitHookInstalled) {
    exitHookInstalled = true
    process.once('exit', killStartedRedisServers)
  }
  port ??= await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'parley-redis-'))
  let child = await launch(port, dir)

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

  const deadline = Date.now() + READY_TIMEOUT_MS
  while (!(await answersPing(port))) {
    if (failed || child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL')
      running.delete(child)
      throw new Error(`redis-server on port ${port} did not start:\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  return child
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port })
    let reply = ''
    const finish = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(500, () => finish(false))
    socket.on('error', () => finish(false))
    socket.on('connect', () => socket.write('PING\r\n'))
    socket.on('data', (chunk) => {
      reply += chunk.toString()
      if (reply.includes('\r\n')) finish(reply.startsWith('+PONG'))
    })
  })
}
