// The markdown report of a run's rows: results, their notes, Parley against its rivals, and the
// targets of docs/benchmarks.md. `npm run bench` prints it after a run; `npm run bench:report`
// from a file.
import { readFileSync } from 'node:fs'
import type { RunRecord } from './record'
import { notes, ratioRows, ratiosTable, resultsTable } from './report'
import { checkTargets, targetsTable } from './targets'

export function markdownReport(records: RunRecord[]): string[] {
  const out: string[] = ['## Results', '', resultsTable(records), '']
  const lines = notes(records)
  if (lines.length > 0) out.push(...lines.map((l) => `- ${l}`), '')
  out.push('## Parley / rivals', '', ratiosTable(ratioRows(records)), '')
  out.push('## Targets', '', targetsTable(checkTargets(records)), '')
  return out
}

/** The rows of a results file, one JSON line each; a line that is not JSON is named. */
export function readResults(file: string): RunRecord[] {
  const records: RunRecord[] = []
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return
      try {
        records.push(JSON.parse(line) as RunRecord)
      } catch (err) {
        throw new Error(`line ${i + 1}: ${(err as Error).message}`, { cause: err })
      }
    })
  return records
}
