// Frames a client sends (PROTOCOL "Rooms", "v1 extras", "Heartbeat") and their validation.
// Validation covers shapes only (bad_json / bad_event); membership, permission and text
// length are the server's later checks, in the order PROTOCOL fixes.
import { z } from 'zod'
import { codePointLength } from '../text'
import { MAX_CID_CHARS, MAX_NICKNAME_CHARS, MAX_ROOM_ID_CHARS } from './constants'

const boundedString = (max: number) =>
  z.string().refine((s) => {
    const n = codePointLength(s)
    return n >= 1 && n <= max
  })

/** A room id is 1–64 code points, or a number converted with String(). */
export const roomIdSchema = z.union([
  boundedString(MAX_ROOM_ID_CHARS),
  z.number().transform((n, ctx) => {
    const s = String(n)
    if (codePointLength(s) > MAX_ROOM_ID_CHARS) {
      ctx.addIssue({ code: 'custom', message: 'room id too long' })
      return z.NEVER
    }
    return s
  }),
])

// An optional field that is null counts as absent.
const optional = <T extends z.ZodType>(schema: T) =>
  schema.nullish().transform((v) => (v === null ? undefined : v))

const count = z.number().int().nonnegative()
const cid = optional(boundedString(MAX_CID_CHARS))

export const authFrameSchema = z.object({ event: z.literal('auth'), message: z.string() })
export const heartbeatFrameSchema = z.object({
  event: z.literal('heartbeat'),
  message: optional(z.string()),
})
export const enterFrameSchema = z.object({
  event: z.literal('enter'),
  roomId: roomIdSchema,
  message: optional(z.string().refine((s) => codePointLength(s) <= MAX_NICKNAME_CHARS)),
  name: optional(z.string().refine((s) => codePointLength(s) <= MAX_NICKNAME_CHARS)),
  since: optional(count),
})
export const leaveFrameSchema = z.object({ event: z.literal('leave'), roomId: roomIdSchema })
export const forgetFrameSchema = z.object({ event: z.literal('forget'), roomId: roomIdSchema })
export const messageFrameSchema = z.object({
  event: z.literal('message'),
  roomId: optional(roomIdSchema),
  message: z.string(),
  cid,
})
export const ackFrameSchema = z.object({
  event: z.literal('ack'),
  roomId: roomIdSchema,
  seq: count,
})
export const historyFrameSchema = z.object({
  event: z.literal('history'),
  roomId: roomIdSchema,
  before: optional(count),
  limit: optional(count),
})
export const roomsFrameSchema = z.object({ event: z.literal('rooms') })

const schemas = {
  auth: authFrameSchema,
  heartbeat: heartbeatFrameSchema,
  enter: enterFrameSchema,
  leave: leaveFrameSchema,
  forget: forgetFrameSchema,
  message: messageFrameSchema,
  ack: ackFrameSchema,
  history: historyFrameSchema,
  rooms: roomsFrameSchema,
} as const

export type ClientEvent = keyof typeof schemas
export type ClientFrameOf<E extends ClientEvent> = z.output<(typeof schemas)[E]>
export type ClientFrame = { [E in ClientEvent]: ClientFrameOf<E> }[ClientEvent]
/** What a client writes (before the server's normalisation of room ids and nulls). */
export type ClientFrameInput<E extends ClientEvent> = z.input<(typeof schemas)[E]>

export type ParsedClientFrame =
  | { ok: true; frame: ClientFrame; ref: string }
  | { ok: false; code: 'bad_json' | 'bad_event'; ref?: string; event?: string }

/**
 * Parses one text frame. `ref` follows PROTOCOL's rule: the frame's cid if valid, else its
 * event if a string, else absent.
 */
export function parseClientFrame(text: string): ParsedClientFrame {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return { ok: false, code: 'bad_json' }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, code: 'bad_event' }
  }
  const obj = raw as Record<string, unknown>
  const event = obj.event
  if (typeof event !== 'string') return { ok: false, code: 'bad_event', ref: validCid(obj) }
  const ref = validCid(obj) ?? event
  const schema = Object.hasOwn(schemas, event) ? schemas[event as ClientEvent] : undefined
  if (!schema) return { ok: false, code: 'bad_event', ref, event }
  const parsed = schema.safeParse(obj)
  if (!parsed.success) return { ok: false, code: 'bad_event', ref, event }
  return { ok: true, frame: parsed.data as ClientFrame, ref }
}

function validCid(obj: Record<string, unknown>): string | undefined {
  const c = obj.cid
  if (typeof c !== 'string') return undefined
  const n = codePointLength(c)
  return n >= 1 && n <= MAX_CID_CHARS ? c : undefined
}
