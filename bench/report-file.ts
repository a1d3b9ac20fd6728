// `npm run bench:report -- FILE`: the report of an earlier run, from its bench/results/ file, as
// this tree reads it (after a change to the report or the targets, no rerun needed).
import { markdownReport, readResults } from './markdown-report'

const file = process.argv[2]
if (!file) {
  console.error('usage: npm run bench:report -- bench/results/<time>.jsonl')
  process.exit(2)
}
try {
  console.log([...markdownReport(readResults(file)), `JSON lines: ${file}`].join('\n'))
} catch (err) {
  console.error(`cannot read ${file}: ${(err as Error).message}`)
  process.exit(1)
}
