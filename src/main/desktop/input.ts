// Input from the renderer checked against a zod schema; a failure is the invalid-input error
// the UI shows, naming the field.
import type { z } from 'zod'
import { DesktopError } from './errors'

export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
): z.output<S> {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]!
  const where = issue.path.length ? `${what} ${issue.path.join('.')}` : what
  throw new DesktopError('invalid-input', `${where}: ${issue.message}`)
}
