// Timing and reporting for the client benchmarks: repeated runs, median and p95, a markdown
// table for people and JSON lines for history.
import { appendFileSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'

export interface Figure {
  name: string
  /** What one run does, in words. */
  detail: string
  runs: number
  medianMs: number
  p95Ms: number
  target?: string
}

export async function measure(
  runs: number,
  fn: () => unknown | Promise<unknown>,
): Promise<{ medianMs: number; p95Ms: number }> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint()
    await fn()
    times.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  times.sort((a, b) => a - b)
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0
  return { medianMs: at(0.5), p95Ms: at(0.95) }
}

export function markdownTable(figures: readonly Figure[]): string {
  const ms = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(0))
  const rows = figures.map(
    (f) =>
      `| ${f.name} | ${f.detail} | ${f.runs} | ${ms(f.medianMs)} | ${ms(f.p95Ms)} | ${f.target ?? ''} |`,
  )
  return [
    '| benchmark | one run | runs | median ms | p95 ms | target |',
    '|---|---|---:|---:|---:|---|',
    ...rows,
  ].join('\n')
}

export function appendJsonLines(file: string, figures: readonly Figure[], env: object): void {
  mkdirSync(dirname(file), { recursive: true })
  const at = new Date().toISOString()
  appendFileSync(file, figures.map((f) => JSON.stringify({ at, ...f, env }) + '\n').join(''))
}
