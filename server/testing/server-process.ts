// The Parley server as a child process (`server/main.ts`), for tests that kill, freeze or
// restart it; stopped by pid, restarted on the same port. It binds port 0 and reports the
// port it got over an IPC channel, unless the test names a port.
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { TEST_SECRET, testToken, type TestTokenOptions } from './tokens'

const START_TIMEOUT_MS = 20_000
const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url))
const running = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL')
})

export interface ServerProcess {
  port: number
  url: string
  env: Record<string, string>
  token(sub: string, o?: TestTokenOptions): Promise<string>
  /** SIGTERM, resolves with the exit code. */
  stop(): Promise<number | null>
  /** SIGKILL, resolves once the process is gone. */
  kill(): Promise<void>
  pause(): void
  resume(): void
  /** Starts the server again on the same port with the same settings. */
  restart(): Promise<void>
  /** Everything the process printed. */
  output(): string
}

export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const fullEnv: Record<string, string> = {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    JWT_SECRET: TEST_SECRET,
    LOG_LEVEL: 'info',
    PORT: '0',
    ...env,
  }
  let out = ''
  const capture = (d: Buffer) => void (out += d.toString())
  const first = await spawnServer(fullEnv, capture)
  let child = first.child
  const port = first.port
  // A restart comes back where clients and relays look for it.
  fullEnv.PORT = String(port)
  const exited = (c: ChildProcess) =>
    new Promise<number | null>((resolve) => {
      if (c.exitCode !== null || c.signalCode !== null) resolve(c.exitCode)
      else c.once('exit', (code) => resolve(code))
    })
  return {
    port,
    url: `ws://127.0.0.1:${port}/`,
    env: fullEnv,
    token: (sub, o) => testToken(sub, { secret: fullEnv.JWT_SECRET, ...o }),
    async stop() {
      child.kill('SIGTERM')
      return exited(child)
    },
    async kill() {
      child.kill('SIGKILL')
      await exited(child)
    },
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
    async restart() {
      child = (await spawnServer(fullEnv, capture)).child
    },
    output: () => out,
  }
}

async function spawnServer(
  env: Record<string, string>,
  capture: (chunk: Buffer) => void,
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  running.add(child)
  let early = ''
  const keep = (d: Buffer) => {
    early += d.toString()
    capture(d)
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  child.once('exit', () => running.delete(child))
  // Ready when it says it listens, whatever the log level.
  const port = await new Promise<number | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), START_TIMEOUT_MS)
    child.on('message', (m: { event?: string; port?: number }) => {
      if (m.event !== 'listening') return
      clearTimeout(timer)
      resolve(m.port)
    })
    child.once('exit', () => {
      clearTimeout(timer)
      resolve(undefined)
    })
  })
  if (port !== undefined) {
    // The channel stays open for nothing else; it must not keep this process waiting.
    child.disconnect()
    return { child, port }
  }
  child.kill('SIGKILL')
  throw new Error(`server did not start (exit ${child.exitCode}):\n${early}`)
}
