// parley://room/<id>[?seq=<n>] links (a second launch, the OS opening a link) and the checked
// OpenRoomRequest they and notification clicks become.
import { z } from 'zod'
import type { OpenRoomRequest } from '../../shared/bridge'
import { MAX_ROOM_ID_CHARS } from '../../shared/protocol'
import { codePointLength } from '../../shared/text'

export const PROTOCOL_SCHEME = 'parley'

export const openRoomSchema = z.strictObject({
  roomId: z
    .string()
    .refine((id) => codePointLength(id) >= 1 && codePointLength(id) <= MAX_ROOM_ID_CHARS, {
      message: `a room id has 1 to ${MAX_ROOM_ID_CHARS} characters`,
    }),
  seq: z.number().int().optional(),
})

/** The request a link stands for, or null for anything that is not a room link. */
export function parseRoomLink(link: string): OpenRoomRequest | null {
  let url: URL
  try {
    url = new URL(link)
  } catch {
    return null
  }
  if (url.protocol !== `${PROTOCOL_SCHEME}:` || url.hostname !== 'room') return null
  let roomId: string
  try {
    roomId = decodeURIComponent(url.pathname.replace(/^\//, ''))
  } catch {
    return null
  }
  const seqText = url.searchParams.get('seq')
  const seq = seqText !== null && /^-?\d+$/.test(seqText) ? Number(seqText) : undefined
  const parsed = openRoomSchema.safeParse(seq === undefined ? { roomId } : { roomId, seq })
  return parsed.success ? parsed.data : null
}

/** The first room link among a launch's arguments (how a second instance passes one on). */
export function roomLinkInArgs(argv: readonly string[]): OpenRoomRequest | null {
  for (const arg of argv) {
    if (arg.startsWith(`${PROTOCOL_SCHEME}:`)) {
      const request = parseRoomLink(arg)
      if (request) return request
    }
  }
  return null
}
