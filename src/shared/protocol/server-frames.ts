// Frames the server sends, as types and as validators for clients that must not trust input.
import { z } from 'zod'
import { ERROR_CODES } from './constants'

const count = z.number().int().nonnegative()

export const chatMessageSchema = z.object({
  roomId: z.string(),
  seq: count,
  id: z.string(),
  uid: z.string(),
  name: z.string(),
  message: z.string(),
  ts: z.number(),
  cid: z.string().optional(),
})
/** A stored chat message as it travels in `message` frames and `history` entries. */
export type ChatMessage = z.infer<typeof chatMessageSchema>

export const serverFrameSchema = z.discriminatedUnion('event', [
  z.object({
    event: z.literal('auth'),
    message: z.literal('ok'),
    uid: z.string(),
    name: z.string(),
    heartbeat: z.number().int().positive(),
  }),
  z.object({ event: z.literal('noauth'), message: z.string() }),
  z.object({
    event: z.literal('enter'),
    roomId: z.string(),
    message: z.string(),
    name: z.string(),
    uid: z.string(),
    num: count,
    users: count,
  }),
  z.object({
    event: z.literal('out'),
    roomId: z.string(),
    name: z.string(),
    uid: z.string(),
    num: count,
    users: count,
  }),
  chatMessageSchema.extend({
    event: z.literal('message'),
    num: count,
    repeat: z.literal(true).optional(),
  }),
  z.object({
    event: z.literal('synced'),
    roomId: z.string(),
    seq: count,
    truncated: z.literal(true).optional(),
  }),
  z.object({
    event: z.literal('history'),
    roomId: z.string(),
    messages: z.array(chatMessageSchema.extend({ num: count.optional() })),
    more: z.boolean(),
  }),
  z.object({
    event: z.literal('rooms'),
    rooms: z.array(
      z.object({
        roomId: z.string(),
        seq: count,
        cursor: count,
        unread: count,
        num: count,
        users: count,
      }),
    ),
  }),
  z.object({
    event: z.literal('error'),
    code: z.enum(ERROR_CODES),
    message: z.string(),
    ref: z.string().optional(),
  }),
  z.object({ event: z.literal('heartbeat'), message: z.literal('ping'), num: count }),
])

export type ServerFrame = z.infer<typeof serverFrameSchema>
export type ServerEvent = ServerFrame['event']
export type ServerFrameOf<E extends ServerEvent> = Extract<ServerFrame, { event: E }>
export type RoomSummary = ServerFrameOf<'rooms'>['rooms'][number]

export function parseServerFrame(text: string): ServerFrame | undefined {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return undefined
  }
  const parsed = serverFrameSchema.safeParse(raw)
  return parsed.success ? parsed.data : undefined
}
