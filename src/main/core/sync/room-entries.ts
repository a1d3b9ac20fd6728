// Which joined rooms are entered on the current socket, and how far each has got: the enter
// frames (with since), the FIFO that pairs the server's answers to them with rooms, entering
// again after a passing refusal, and the forget frames owed for rooms left offline.
import type { Database } from 'better-sqlite3'
import type { ErrorCode } from '../../../shared/protocol'
import type { FrameLink } from '../connection/connection'
import {
  deleteForgottenRoom,
  forgetRoom,
  getRoom,
  joinRoom,
  listForgottenRooms,
  listJoinedRooms,
} from '../db/rooms'
import type { RoomRow } from '../db/types'

/** Where one room stands on the current socket. */
export interface RoomSession {
  /** entering: enter sent, the replay is arriving; live: `synced` came. */
  phase: 'entering' | 'live'
  /** The since the enter carried; a `synced` below it means the server lost the history. */
  since?: number
  /** The room's archive shift, so stored messages can replace their archived copies. */
  archiveShift: number
  /** The first message of the replay, where a truncated or first sync starts. */
  firstSeq?: number
  /** First join: once synced, fetch the page of context below this seq. */
  contextBefore?: number
}

/** An enter refused for a passing reason (unavailable, rate_limited) is tried again after this. */
const REENTER_DELAY_MS = 2000

export class RoomEntries {
  private readonly sessions = new Map<string, RoomSession>()
  /** Rooms entered and not yet synced, in the order their enter frames went out. */
  private readonly entering: string[] = []
  private readonly timers = new Set<ReturnType<typeof setTimeout>>()

  constructor(
    private readonly db: Database,
    private readonly link: FrameLink,
    /** A database failure in a timer, where no caller can catch it. */
    private readonly onTimerError: (err: unknown) => void,
  ) {}

  /** A new authenticated socket: forget what was forgotten offline, enter every joined room. */
  open(): void {
    for (const roomId of listForgottenRooms(this.db)) {
      if (this.link.send({ event: 'forget', roomId })) deleteForgottenRoom(this.db, roomId)
    }
    for (const room of listJoinedRooms(this.db)) this.enter(room)
  }

  /** The socket is gone: every room must be entered again on the next one. */
  close(): void {
    this.sessions.clear()
    this.entering.length = 0
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
  }

  get(roomId: string): RoomSession | undefined {
    return this.sessions.get(roomId)
  }

  isLive(roomId: string): boolean {
    return this.sessions.get(roomId)?.phase === 'live'
  }

  join(roomId: string, nickname: string | null): void {
    joinRoom(this.db, roomId, nickname, Date.now())
    const room = getRoom(this.db, roomId)
    if (room && this.link.isOpen) this.enter(room)
  }

  forget(roomId: string): void {
    forgetRoom(this.db, roomId)
    this.sessions.delete(roomId)
    if (this.link.send({ event: 'forget', roomId })) deleteForgottenRoom(this.db, roomId)
  }

  /** `synced` came: the room is live. Undefined if it was not entered on this socket. */
  synced(roomId: string): RoomSession | undefined {
    const i = this.entering.indexOf(roomId)
    if (i >= 0) this.entering.splice(i, 1)
    const session = this.sessions.get(roomId)
    if (session) session.phase = 'live'
    return session
  }

  /**
   * An `error` with ref "enter" answers the oldest enter still waiting: that room is not
   * entered. Returns it; a passing refusal enters it again later.
   */
  refused(code: ErrorCode): string | undefined {
    const roomId = this.entering.shift()
    if (roomId === undefined) return undefined
    this.sessions.delete(roomId)
    if (code === 'unavailable' || code === 'rate_limited') this.enterLater(roomId)
    return roomId
  }

  /**
   * The server says this socket is not in the room, though it entered: its presence ended
   * elsewhere (another device of the account forgot the room). Enter again before sending.
   */
  reenter(roomId: string): void {
    if (this.sessions.delete(roomId)) this.enterLater(roomId)
  }

  private enter(room: RoomRow): void {
    const since = room.syncedSeq ?? undefined
    // A room never synced enters without since: the server replays what this uid missed
    // (nothing, on a first join) instead of the whole kept history.
    const frame = {
      event: 'enter',
      roomId: room.roomId,
      message: room.nickname ?? undefined,
      since,
    } as const
    if (!this.link.send(frame)) return
    this.sessions.set(room.roomId, { phase: 'entering', since, archiveShift: room.archiveShift })
    this.entering.push(room.roomId)
  }

  private enterLater(roomId: string): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      try {
        const room = getRoom(this.db, roomId)
        if (room?.joined && !this.sessions.has(roomId)) this.enter(room)
      } catch (err) {
        this.onTimerError(err)
      }
    }, REENTER_DELAY_MS)
    this.timers.add(timer)
  }
}
