// Readers of /proc: a process's CPU time (stat utime+stime) and resident memory (status VmRSS),
// and the whole machine's CPU time (/proc/stat), split into pure parsers and thin file reads.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

/** Clock ticks per second of the stat files (USER_HZ); 100 on every Linux we run on. */
export const CLOCK_TICKS = readClockTicks()

export interface MachineCpu {
  /** Time spent running tasks (user, nice, system), in ticks, all CPUs together. */
  tasks: number
  /** Interrupt and softirq time: loopback networking lands here, not in any process. */
  irq: number
  /** Time the hypervisor gave to someone else. */
  steal: number
  idle: number
}

/** utime + stime of every thread of the process, in ticks, from /proc/<pid>/stat. */
export function parseProcStat(text: string): number {
  // The command name (field 2) may hold spaces and parentheses: fields resume after the last ')'.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ')
  // rest[0] is field 3 (state), so utime (field 14) and stime (field 15) are rest[11] and rest[12].
  const utime = Number(rest[11])
  const stime = Number(rest[12])
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error('unreadable stat line')
  return utime + stime
}

/** VmRSS of /proc/<pid>/status, in KiB. */
export function parseVmRss(text: string): number {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(text)
  if (!match) throw new Error('no VmRSS line')
  return Number(match[1])
}

/** The aggregate `cpu` line of /proc/stat. */
export function parseMachineCpu(text: string): MachineCpu {
  const line = text.split('\n', 1)[0] ?? ''
  if (!line.startsWith('cpu ')) throw new Error('no aggregate cpu line')
  // user nice system idle iowait irq softirq steal guest guest_nice; guest is inside user already.
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line
    .slice(4)
    .trim()
    .split(/\s+/)
    .map(Number)
  return {
    tasks: user! + nice! + system!,
    irq: irq! + softirq!,
    steal: steal ?? 0,
    idle: idle! + (iowait ?? 0),
  }
}

export function processCpuTicks(pid: number): number {
  return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'))
}

export function processRssKiB(pid: number): number {
  return parseVmRss(readFileSync(`/proc/${pid}/status`, 'utf8'))
}

export function machineCpu(): MachineCpu {
  return parseMachineCpu(readFileSync('/proc/stat', 'utf8'))
}

function readClockTicks(): number {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim())
    return Number.isInteger(ticks) && ticks > 0 ? ticks : 100
  } catch {
    return 100
  }
}
