// A measurement window: CPU time of each process we own and of the whole machine between two
// snapshots, so a figure can say how much of the machine someone else used meanwhile.
import { performance } from 'node:perf_hooks'
import { CLOCK_TICKS, machineCpu, processCpuTicks, type MachineCpu } from './proc-stats'

/** Processes the harness owns, by role (server, redis, load, harness). */
export type OwnPids = Record<string, number | undefined>

export interface CpuSnapshot {
  atMs: number
  machine: MachineCpu
  ticks: Record<string, number>
}

export interface CpuWindow {
  wallS: number
  /** CPU seconds of each role over the window. */
  cpuS: Record<string, number>
  /** Task time of processes we do not own, in CPU seconds. */
  othersS: number
  irqS: number
  stealS: number
}

/** Others using more than this share of one core during a window make its figures suspect. */
export const OTHERS_WARN_SHARE = 0.1

export function snapshot(pids: OwnPids): CpuSnapshot {
  const ticks: Record<string, number> = {}
  for (const [role, pid] of Object.entries(pids)) {
    if (pid === undefined) continue
    try {
      ticks[role] = processCpuTicks(pid)
    } catch {
      // The process has exited: it cannot have used CPU in this window.
    }
  }
  return { atMs: performance.now(), machine: machineCpu(), ticks }
}

export function cpuWindow(before: CpuSnapshot, after: CpuSnapshot): CpuWindow {
  const s = (ticks: number) => ticks / CLOCK_TICKS
  const cpuS: Record<string, number> = {}
  let own = 0
  for (const [role, end] of Object.entries(after.ticks)) {
    const start = before.ticks[role]
    if (start === undefined) continue
    cpuS[role] = s(end - start)
    own += end - start
  }
  return {
    wallS: (after.atMs - before.atMs) / 1000,
    cpuS,
    othersS: Math.max(0, s(after.machine.tasks - before.machine.tasks - own)),
    irqS: s(after.machine.irq - before.machine.irq),
    stealS: s(after.machine.steal - before.machine.steal),
  }
}

/** A line for the report when others (or the hypervisor) took a noticeable share. */
export function noiseWarning(w: CpuWindow): string | undefined {
  if (w.wallS <= 0) return undefined
  const others = w.othersS / w.wallS
  const steal = w.stealS / w.wallS
  if (others <= OTHERS_WARN_SHARE && steal <= OTHERS_WARN_SHARE) return undefined
  return (
    `other processes used ${(others * 100).toFixed(0)}% of a core` +
    (steal > OTHERS_WARN_SHARE ? ` and the hypervisor stole ${(steal * 100).toFixed(0)}%` : '') +
    ` during this ${w.wallS.toFixed(1)} s measurement`
  )
}
