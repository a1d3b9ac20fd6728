// Checks on what callers hand the core, so a bad argument is an invalid-input error at the
// API instead of a bad frame on the wire or a bad row in the database.
import { MAX_ROOM_ID_CHARS } from '../../shared/protocol'
import { codePointLength } from '../../shared/text'
import { invalidInput } from './errors'

export const PAGE_DEFAULT_LIMIT = 50
export const PAGE_MAX_LIMIT = 200

export function roomIdArg(value: unknown): string {
  if (typeof value !== 'string') throw invalidInput('A room id is a string.')
  const n = codePointLength(value)
  if (n < 1 || n > MAX_ROOM_ID_CHARS) {
    throw invalidInput(`A room id has 1 to ${MAX_ROOM_ID_CHARS} characters.`)
  }
  return value
}

export function textArg(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalidInput('A message needs text.')
  return value
}

export function seqArg(value: unknown, name = 'seq'): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw invalidInput(`${name} is a non-negative integer.`)
  }
  return value
}

export function limitArg(value: unknown): number {
  if (value === undefined) return PAGE_DEFAULT_LIMIT
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw invalidInput('limit is a positive integer.')
  }
  return Math.min(value, PAGE_MAX_LIMIT)
}

export function stringArg(value: unknown, name: string): string {
  if (typeof value !== 'string') throw invalidInput(`${name} is a string.`)
  return value
}
