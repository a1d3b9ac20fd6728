// The UI benchmark's account database, written straight through the core's db layer: one room
// of BIG_ROOM messages and SMALL_ROOMS rooms of a screenful each, all synced and read.
import { insertMessages } from '../../src/main/core/db/messages'
import { openAccountDatabase } from '../../src/main/core/db/open'
import { joinRoom, updateSyncPoint } from '../../src/main/core/db/rooms'
import { messages } from '../client/dataset'

export const BIG_ROOM = 'big'
export const BIG_ROOM_SIZE = 100_000
export const SMALL_ROOMS = 199
const SMALL_ROOM_SIZE = 40
const CHUNK = 10_000

export function smallRoom(i: number): string {
  return `room-${String(i).padStart(3, '0')}`
}

/** Seeds the database the core opens for (serverUrl, uid 'me'); returns each room's latest seq. */
export function seedAccount(dataDir: string, serverUrl: string): Map<string, number> {
  const db = openAccountDatabase(dataDir, { serverUrl, uid: 'me' })
  const latest = new Map<string, number>()
  const now = Date.now()
  const fill = (roomId: string, size: number) => {
    joinRoom(db, roomId, null, now)
    for (let from = 1; from <= size; from += CHUNK) {
      const chunk = messages(roomId, from, Math.min(size, from + CHUNK - 1))
      db.transaction(() => insertMessages(db, chunk))()
    }
    updateSyncPoint(db, roomId, { syncedSeq: size, latestSeq: size, lastReadSeq: size })
    latest.set(roomId, size)
  }
  fill(BIG_ROOM, BIG_ROOM_SIZE)
  for (let i = 1; i <= SMALL_ROOMS; i++) fill(smallRoom(i), SMALL_ROOM_SIZE)
  db.close()
  return latest
}
