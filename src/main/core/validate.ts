// Checks on what callers hand the core, so a bad argument is an invalid-input error at the
// API instead of a bad frame on the wire or a bad row in the database: the main process
// never trusts the renderer.
import type { SearchOptions } from '../../shared/bridge'
import { MAX_NICKNAME_CHARS, MAX_ROOM_ID_CHARS } from '../../shared/protocol'
import { codePointLength } from '../../shared/text'
import { invalidInput } from './errors'

export const PAGE_DEFAULT_LIMIT = 50
export const PAGE_MAX_LIMIT = 200

/**
 * The server closes a socket with 1009 on a frame over its MAX_PAYLOAD_BYTES (default 64 KiB),
 * and the outbox would resend that frame on every new one. The margin is for the rest of the
 * frame: event, room id, cid.
 */
const MAX_TEXT_JSON_BYTES = 65_536 - 1024

export function roomIdArg(value: unknown): string {
  if (typeof value !== 'string') throw invalidInput('A room id is a string.')
  const n = codePointLength(value)
  if (n < 1 || n > MAX_ROOM_ID_CHARS) {
    throw invalidInput(`A room id has 1 to ${MAX_ROOM_ID_CHARS} characters.`)
  }
  return value
}

/** Absent is null; the server refuses every enter with a longer one (PROTOCOL "Rooms"). */
export function nicknameArg(value: unknown): string | null {
  if (value === undefined || value === null) return null
  const n = typeof value === 'string' ? codePointLength(value) : 0
  if (n < 1 || n > MAX_NICKNAME_CHARS) {
    throw invalidInput(`A nickname has 1 to ${MAX_NICKNAME_CHARS} characters.`)
  }
  return value as string
}

export function textArg(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalidInput('A message needs text.')
  if (Buffer.byteLength(JSON.stringify(value)) > MAX_TEXT_JSON_BYTES) {
    throw invalidInput('This message is too long to send; split it into several.')
  }
  return value
}

/** Any integer: messages kept from before the server lost a room's history have seq <= 0. */
export function seqArg(value: unknown, name = 'seq'): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw invalidInput(`${name} is an integer.`)
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

export function searchOptionsArg(value: unknown): SearchOptions {
  if (value === undefined) return {}
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidInput('Search options are an object.')
  }
  const { roomId, limit } = value as Record<string, unknown>
  const checked: SearchOptions = {}
  if (roomId !== undefined) checked.roomId = roomIdArg(roomId)
  if (limit !== undefined) checked.limit = limitArg(limit)
  return checked
}

export function stringArg(value: unknown, name: string): string {
  if (typeof value !== 'string') throw invalidInput(`${name} is a string.`)
  return value
}

/** A listener that is not a function would throw later, inside whatever emits the event. */
export function listenerArg<F>(value: F): F {
  if (typeof value !== 'function') throw invalidInput('A listener is a function.')
  return value
}
