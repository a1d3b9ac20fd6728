// A results file read back gives the report the run printed: `npm run bench:report`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { markdownReport, readResults } from './markdown-report'
import { errorRecord, type RunRecord } from './record'
import { scenario } from './scenarios'

const dir = mkdtempSync(join(tmpdir(), 'parley-report-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const fanout = (server: 'parley-redis' | 'bare-ws', us: number): RunRecord => ({
  ...errorRecord(scenario('fanout', { quick: false }), server, ''),
  status: 'ok',
  failure: undefined,
  deliveredRatio: 1,
  serverUsPerDelivery: us,
})

describe('markdownReport from a results file', () => {
  it('reads every JSON line back and reports them as the run did', () => {
    const file = join(dir, 'run.jsonl')
    const rows = [fanout('parley-redis', 5.5), fanout('bare-ws', 6)]
    writeFileSync(file, rows.map((r) => `${JSON.stringify(r)}\n`).join('') + '\n')
    expect(readResults(file)).toEqual(rows)
    const report = markdownReport(readResults(file)).join('\n')
    expect(report).toContain('## Results')
    expect(report).toContain(
      '| fanout: parley-redis <= 1.0x bare-ws in server us/delivery | 5.50 / 6.00 = 0.92x | yes |',
    )
  })

  it('names the line that is not JSON', () => {
    const file = join(dir, 'broken.jsonl')
    writeFileSync(file, `${JSON.stringify(fanout('bare-ws', 6))}\n{"scenario":"fanout"\n`)
    expect(() => readResults(file)).toThrow(/^line 2: .*JSON/)
  })
})
