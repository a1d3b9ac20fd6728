// Row types of the local database, as the query functions return them.
import type { SendFailure } from '../../../shared/bridge'

export interface RoomRow {
  roomId: string
  joined: boolean
  muted: boolean
  nickname: string | null
  /** Highest seq held with no gap from the join point on; null before the first synced. */
  syncedSeq: number | null
  /** Lowest seq the server still keeps, as far as we know. */
  floorSeq: number
  latestSeq: number
  lastReadSeq: number
  joinedAt: number
  /** How far held messages moved below seq 1 when the server last lost the room's history. */
  archiveShift: number
}

export interface MessageRow {
  roomId: string
  seq: number
  id: string
  uid: string
  name: string
  text: string
  ts: number
  cid: string | null
}

export interface OutboxRow {
  position: number
  cid: string
  roomId: string
  text: string
  createdAt: number
  state: 'pending' | 'failed'
  failure: SendFailure | null
}
