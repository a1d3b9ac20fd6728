// The arguments each bridge method accepts from the renderer, checked before the core or the
// desktop service sees them: right types, bounded sizes, no extra arguments or fields. The
// core and the service check meaning again (code points, URLs); this is the door.
import { z } from 'zod'
import type { MethodName } from '../shared/bridge'
import { hostOptionsSchema } from './desktop/local-host'
import { settingsPatchSchema } from './desktop/settings-store'

// Generous bounds: the exact limits are the core's; these stop a renderer gone wrong from
// handing main megabytes to look at.
const roomId = z.string().min(1).max(256)
const seq = z.number().int()
const limit = z.number().int().positive()
const url = z.string().min(1).max(2048)
const cid = z.string().min(1).max(128)

export const methodArguments = {
  signIn: z.tuple([z.strictObject({ serverUrl: url, token: z.string().min(1).max(16_384) })]),
  signOut: z.tuple([]),
  getAccount: z.tuple([]),
  getConnectionState: z.tuple([]),
  reconnectNow: z.tuple([]),
  listRooms: z.tuple([]),
  joinRoom: z.tuple([roomId, z.string().max(256).nullable().optional()]),
  forgetRoom: z.tuple([roomId]),
  send: z.tuple([roomId, z.string().max(256 * 1024)]),
  retry: z.tuple([cid]),
  discard: z.tuple([cid]),
  newestPage: z.tuple([roomId, limit.optional()]),
  pageBefore: z.tuple([roomId, seq, limit.optional()]),
  search: z.tuple([
    z.string().max(1000),
    z.strictObject({ roomId: roomId.optional(), limit: limit.optional() }).optional(),
  ]),
  markRead: z.tuple([roomId, seq]),
  setMuted: z.tuple([roomId, z.boolean()]),
  setFocusedRoom: z.tuple([roomId.nullable()]),
  getUnreadTotal: z.tuple([]),
  getDesktopInfo: z.tuple([]),
  getSettings: z.tuple([]),
  updateSettings: z.tuple([settingsPatchSchema]),
  checkServer: z.tuple([url]),
  signInAsGuest: z.tuple([z.strictObject({ serverUrl: url, name: z.string().max(256) })]),
  hostLocalServer: z.tuple([hostOptionsSchema.optional()]),
  stopLocalServer: z.tuple([]),
  getLocalServer: z.tuple([]),
  openExternal: z.tuple([url]),
} satisfies Record<MethodName, z.ZodType<unknown[]>>
