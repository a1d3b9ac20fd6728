// The max scenario's search: raise the send rate by a fixed factor until a step fails (p99 over
// 200 ms, a message not delivered, an error) and keep the best step that passed.
import type { MaxStep, RunRecord } from './record'

export const MAX_P99_MS = 200
const FACTOR = 1.25
/** 100 msgs/s x 1.25^20 is about 8,700 msgs/s: the loop ends whatever the server does. */
const MAX_STEPS = 20

export function passes(r: RunRecord): boolean {
  return r.status === 'ok' && r.latency.p99Ms <= MAX_P99_MS
}

export function maxStep(r: RunRecord): MaxStep {
  return {
    ratePerSec: r.ratePerSec,
    deliveriesPerSec: r.deliveriesPerSec,
    deliveredRatio: r.deliveredRatio,
    p99Ms: r.latency.p99Ms,
    serverUsPerDelivery: r.serverUsPerDelivery ?? 0,
    loadCpuShare: r.loadCpuShare,
    pass: passes(r),
  }
}

/**
 * Runs steps at rising rates; resolves with the best passing step's record (its maxSteps lists
 * every step), or the first step's record marked FAILED when none passed.
 */
export async function searchMax(
  startRate: number,
  step: (ratePerSec: number) => Promise<RunRecord>,
): Promise<RunRecord> {
  const steps: RunRecord[] = []
  let best: RunRecord | undefined
  let rate = startRate
  for (let i = 0; i < MAX_STEPS; i++) {
    const r = await step(Math.round(rate))
    steps.push(r)
    if (!passes(r)) break
    best = r
    rate *= FACTOR
  }
  const maxSteps = steps.map(maxStep)
  if (best) return { ...best, maxSteps }
  const first = steps[0]!
  return {
    ...first,
    status: 'FAILED',
    failure: first.failure ?? `p99 ${first.latency.p99Ms} ms > ${MAX_P99_MS} ms at the first rate`,
    maxSteps,
  }
}
