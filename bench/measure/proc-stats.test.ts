// The /proc parsers and the CPU window that splits machine time into ours and others'.
import { describe, expect, it } from 'vitest'
import { cpuWindow, noiseWarning, type CpuSnapshot } from './cpu-window'
import {
  CLOCK_TICKS,
  machineCpu,
  parseMachineCpu,
  parseProcStat,
  parseVmRss,
  processCpuTicks,
  processRssKiB,
} from './proc-stats'

describe('/proc parsers', () => {
  it('reads utime+stime after a command name holding spaces and parentheses', () => {
    const line =
      '4242 (node (x) y) S 1 4242 4242 0 -1 4194560 9006 0 0 0 1234 567 0 0 20 0 11 0 5000 1000 2000'
    expect(parseProcStat(line)).toBe(1234 + 567)
  })

  it('rejects a stat line it cannot read', () => {
    expect(() => parseProcStat('12 (x) S 1 2')).toThrow()
  })

  it('reads VmRSS in KiB', () => {
    expect(parseVmRss('Name:\tnode\nVmPeak:\t  9 kB\nVmRSS:\t   81234 kB\nVmData:\t 5 kB\n')).toBe(
      81234,
    )
    expect(() => parseVmRss('Name:\tkthread\n')).toThrow()
  })

  it('splits the machine cpu line into task, interrupt, steal and idle time', () => {
    const text = 'cpu  50772 3 8942 145017 251 7 241 25 0 0\ncpu0 1 2 3 4 5 6 7 8 9 10\n'
    expect(parseMachineCpu(text)).toEqual({ tasks: 59717, irq: 248, steal: 25, idle: 145268 })
  })

  it('reads this very process', () => {
    expect(processCpuTicks(process.pid)).toBeGreaterThan(0)
    expect(processRssKiB(process.pid)).toBeGreaterThan(1000)
    expect(machineCpu().tasks).toBeGreaterThan(0)
  })
})

describe('cpuWindow', () => {
  const snap = (atMs: number, tasks: number, ticks: Record<string, number>): CpuSnapshot => ({
    atMs,
    machine: { tasks, irq: 0, steal: 0, idle: 0 },
    ticks,
  })

  it("splits the machine's task time into ours, per role, and everyone else's", () => {
    const w = cpuWindow(
      snap(0, 1000, { server: 100, load: 50 }),
      snap(10_000, 1000 + 12 * CLOCK_TICKS, {
        server: 100 + 8 * CLOCK_TICKS,
        load: 50 + 3 * CLOCK_TICKS,
      }),
    )
    expect(w.wallS).toBe(10)
    expect(w.cpuS).toEqual({ server: 8, load: 3 })
    expect(w.othersS).toBeCloseTo(1)
    expect(noiseWarning(w)).toBeUndefined()
  })

  it('warns when others used more than a tenth of a core, and skips processes that were gone', () => {
    const w = cpuWindow(
      snap(0, 0, { server: 0, redis: 0 }),
      snap(10_000, 5 * CLOCK_TICKS, { server: 2 * CLOCK_TICKS }),
    )
    expect(w.cpuS).toEqual({ server: 2 })
    expect(noiseWarning(w)).toMatch(/other processes used 30% of a core/)
  })
})
