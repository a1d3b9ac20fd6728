// The harness's handle on the load generator process: spawns bench/load/agent.ts with an IPC
// channel, sends it commands and waits for each answer with a time limit; killed by pid.
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { AgentCommand, AgentReport } from './messages'

const AGENT = fileURLToPath(new URL('./agent.ts', import.meta.url))
const running = new Set<ChildProcess>()
process.once('exit', killAgents)

export function killAgents(): void {
  for (const child of running) child.kill('SIGKILL')
  running.clear()
}

export class AgentProcess {
  private readonly child: ChildProcess
  private readonly reports: AgentReport[] = []
  private wake: (() => void) | undefined
  private exited = false
  /** How it ended: its exit code, or the signal that killed it. */
  private exit = ''
  private stderr = ''

  constructor() {
    this.child = spawn(process.execPath, ['--import', 'tsx', AGENT], {
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    })
    running.add(this.child)
    this.child.stderr!.on(
      'data',
      (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-4000)),
    )
    this.child.on('message', (r: AgentReport) => {
      this.reports.push(r)
      this.wake?.()
    })
    // 'close', not 'exit': only then has all it wrote to stderr (a crash's stack) been read.
    this.child.once('close', (code, signal) => {
      this.exited = true
      this.exit = signal ? `killed by ${signal}` : `exit code ${code}`
      running.delete(this.child)
      this.wake?.()
    })
  }

  get pid(): number {
    return this.child.pid!
  }

  /** Sends a command and resolves with the answer of the type wanted; rejects on `failed`. */
  async ask<T extends AgentReport['type']>(
    command: AgentCommand,
    answer: T,
    timeoutS: number,
  ): Promise<Extract<AgentReport, { type: T }>> {
    this.child.send(command)
    const deadline = Date.now() + timeoutS * 1000
    for (;;) {
      const r = this.reports.shift()
      if (r?.type === 'failed') throw new Error(`load generator: ${r.error}`)
      if (r?.type === answer) return r as Extract<AgentReport, { type: T }>
      if (r) continue
      if (this.exited) throw new Error(`load generator exited (${this.exit}):\n${this.stderr}`)
      const left = deadline - Date.now()
      if (left <= 0)
        throw new Error(`load generator did not answer ${command.type} in ${timeoutS} s`)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left)
        this.wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      this.wake = undefined
    }
  }

  /** Asks it to drop its sockets and exit; SIGKILL if it has not within a few seconds. */
  async stop(): Promise<void> {
    if (this.exited) return
    if (this.child.connected) this.child.send({ type: 'quit' } satisfies AgentCommand)
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()))
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000)
    await gone
    clearTimeout(timer)
  }
}
