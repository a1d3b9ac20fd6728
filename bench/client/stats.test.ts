// The benchmark helpers: a dataset that is the same every run, timing and the report table.
import { describe, expect, it } from 'vitest'
import { seededRandom } from '../../src/shared/seeded-random'
import { messages } from './dataset'
import { markdownTable, measure } from './stats'

describe('client bench helpers', () => {
  it('builds the same dataset every run', () => {
    expect(messages('r', 1, 3)).toEqual(messages('r', 1, 3))
    expect(seededRandom(7)()).toBe(seededRandom(7)())
    expect(messages('r', 5, 6).map((m) => m.seq)).toEqual([5, 6])
  })

  it('measures every run and prints one table row per figure', async () => {
    let calls = 0
    const { medianMs, p95Ms } = await measure(3, () => calls++)
    expect(calls).toBe(3)
    expect(p95Ms).toBeGreaterThanOrEqual(medianMs)
    const table = markdownTable([
      { name: 'x', detail: 'one thing', runs: 3, medianMs: 1.234, p95Ms: 12.6, target: '< 5 ms' },
    ])
    expect(table.split('\n')).toHaveLength(3)
    expect(table).toContain('| x | one thing | 3 | 1.23 | 13 | < 5 ms |')
  })
})
