// Sync of joined rooms over one socket at a time: enter with `since` on every open, replay
// and `synced`, gap detection and filling, scroll-back pages that fill local holes. Keeps the
// invariant of docs/desktop-core.md: synced_seq only covers seqs actually held.
import type { Database } from 'better-sqlite3'
import type { ChatMessage, ServerFrameOf } from '../../../shared/protocol'
import type { FrameLink } from '../connection/connection'
import {
  archiveMessages,
  countHeld,
  dropArchivedCopies,
  heldSeqsAfter,
  insertMessages,
  messagesBefore,
} from '../db/messages'
import {
  deleteForgottenRoom,
  forgetRoom,
  getRoom,
  joinRoom,
  listForgottenRooms,
  listJoinedRooms,
  restartSync,
  updateSyncPoint,
} from '../db/rooms'
import type { MessageRow, RoomRow } from '../db/types'
import type { BatchEffects } from './batch-effects'
import {
  advanceThrough,
  baselineAfterSynced,
  floorFromHistory,
  historyRequestFor,
  missingRange,
  pageRange,
} from './contiguity'
import { HistoryRequests, type HistoryPurpose } from './history-requests'

/** Where one room stands on the current socket. */
interface RoomSession {
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

export interface PageResult {
  rows: MessageRow[]
  more: boolean
  complete: boolean
}

/** A page read waits this long for the server to fill a hole before answering with what is held. */
const PAGE_WAIT_MS = 5000
/** Messages fetched for context after a first join. */
const CONTEXT_PAGE = 50
/** Rows read per step while walking the held seqs above synced_seq. */
const WALK_STEP = 512
/** An enter refused for a passing reason (unavailable, rate_limited) is tried again after this. */
const REENTER_DELAY_MS = 2000

export class RoomSync {
  private readonly sessions = new Map<string, RoomSession>()
  /** Rooms entered and not yet synced, in the order their enter frames went out. */
  private readonly entering: string[] = []
  private readonly history = new HistoryRequests()
  /** Highest seq seen per room in the current batch. */
  private readonly touched = new Map<string, number>()
  /** Rooms whose gap the server could not fill on this socket; not asked again until the next. */
  private readonly stalled = new Set<string>()
  private readonly reenterTimers = new Set<ReturnType<typeof setTimeout>>()

  constructor(
    private readonly db: Database,
    private readonly link: FrameLink,
    private readonly myUid: string,
  ) {}

  /** A new authenticated socket: forget what was forgotten offline, enter every joined room. */
  onOpen(): void {
    for (const roomId of listForgottenRooms(this.db)) {
      if (this.link.send({ event: 'forget', roomId })) deleteForgottenRoom(this.db, roomId)
    }
    for (const room of listJoinedRooms(this.db)) this.enter(room)
  }

  /** The socket is gone: every room must be entered again on the next one. */
  onClosed(): void {
    this.sessions.clear()
    this.entering.length = 0
    this.touched.clear()
    this.stalled.clear()
    this.history.failAll()
    for (const t of this.reenterTimers) clearTimeout(t)
    this.reenterTimers.clear()
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

  applyMessage(m: ServerFrameOf<'message'>, fx: BatchEffects): void {
    const session = this.sessions.get(m.roomId)
    if (session?.phase === 'entering' && session.firstSeq === undefined && !m.repeat) {
      session.firstSeq = m.seq
    }
    this.noteSeq(m.roomId, m.seq)
    if (this.store(m.roomId, [m]).length === 0) return
    fx.touch(m.roomId, 'received')
    if (session?.phase === 'live' && !m.repeat && m.uid !== this.myUid) fx.live.push(m)
  }

  applySynced(f: ServerFrameOf<'synced'>, fx: BatchEffects): void {
    const i = this.entering.indexOf(f.roomId)
    if (i >= 0) this.entering.splice(i, 1)
    const session = this.sessions.get(f.roomId)
    const room = getRoom(this.db, f.roomId)
    if (!session || !room?.joined) return
    session.phase = 'live'
    const firstJoin = room.syncedSeq === null
    if (session.since !== undefined && f.seq < session.since) {
      this.restart(f.roomId, f.seq, session, fx)
    } else if (firstJoin || f.truncated) {
      // No usable point of our own: count from just below what the server replayed.
      const baseline = baselineAfterSynced(session.firstSeq, f.seq)
      updateSyncPoint(this.db, f.roomId, {
        syncedSeq: baseline,
        floorSeq: f.truncated ? baseline + 1 : undefined,
        // What came before a first join is history, not unread.
        lastReadSeq: firstJoin ? baseline : undefined,
      })
      if (firstJoin) session.contextBefore = baseline + 1
    }
    this.noteSeq(f.roomId, f.seq)
    fx.roomsChanged = true
  }

  applyHistory(f: ServerFrameOf<'history'>, fx: BatchEffects): void {
    const request = this.history.takeAnswered(f.roomId)
    const inserted = this.store(f.roomId, f.messages)
    const seqs = f.messages.map((m) => m.seq)
    const floor = request && floorFromHistory(request.before, seqs, f.more)
    if (floor !== undefined) {
      const room = getRoom(this.db, f.roomId)
      // A hole under the floor can never be filled, so it stops counting as one.
      updateSyncPoint(this.db, f.roomId, {
        floorSeq: floor,
        syncedSeq: room?.syncedSeq == null ? undefined : floor - 1,
      })
    }
    // Noted even when empty: a new floor may move synced_seq, which finishBatch checks.
    this.noteSeq(f.roomId, seqs.length > 0 ? Math.max(...seqs) : 0)
    if (inserted.length > 0) fx.touch(f.roomId, 'history')
    if (request?.purpose === 'gap' && inserted.length === 0 && floor === undefined) {
      this.stalled.add(f.roomId)
    }
    request?.settle({ messages: f.messages, more: f.more })
  }

  /**
   * The server says this socket is not in the room, though it entered: its presence ended
   * elsewhere (another device of the account forgot the room). Enter again before sending.
   */
  reenter(roomId: string): void {
    if (!this.sessions.delete(roomId)) return
    this.reenterLater(roomId)
  }

  /** Handles errors answering enter or history; false if the error is about something else. */
  applyError(f: ServerFrameOf<'error'>, fx: BatchEffects): boolean {
    if (f.ref === 'history') {
      const request = this.history.takeFailed()
      if (request?.purpose === 'gap') this.stalled.add(request.roomId)
      request?.settle(undefined)
      return true
    }
    if (f.ref !== 'enter') return false
    const roomId = this.entering.shift()
    if (roomId === undefined) return true
    this.sessions.delete(roomId)
    if (f.code === 'forbidden') fx.problems.push({ kind: 'room-forbidden', roomId })
    else if (f.code === 'unavailable' || f.code === 'rate_limited') this.reenterLater(roomId)
    return true
  }

  /**
   * Ends a batch inside its transaction: records the latest seqs, moves synced_seq over every
   * seq now held without a hole, and asks the server for whatever is still missing.
   */
  finishBatch(fx: BatchEffects): void {
    for (const [roomId, seq] of this.touched) {
      updateSyncPoint(this.db, roomId, { latestSeq: seq })
      const room = getRoom(this.db, roomId)
      if (!room?.joined || room.syncedSeq === null) continue
      const { synced, nextHeld } = this.walkHeld(roomId, room.syncedSeq)
      if (synced > room.syncedSeq) {
        updateSyncPoint(this.db, roomId, { syncedSeq: synced })
        fx.roomsChanged = true
      }
      this.fillGap(room, synced, nextHeld)
    }
    this.touched.clear()
  }

  /**
   * A page of messages with seq < before, from the local copy. Where the copy has a hole the
   * server can fill, ask for it: wait for the answer (scroll-back) or not (first paint, where
   * a `messages` event follows).
   */
  async page(roomId: string, before: number, limit: number, wait: boolean): Promise<PageResult> {
    const room = getRoom(this.db, roomId)
    if (!room) return { rows: [], more: false, complete: true }
    let complete = this.pageHeld(room, before, limit)
    if (!complete && this.isLive(roomId)) {
      const request =
        this.history.find(roomId, before) ?? this.requestHistory(roomId, before, limit, 'page')
      if (wait) {
        await Promise.race([request.answer, delay(PAGE_WAIT_MS)])
        const now = getRoom(this.db, roomId)
        complete = now !== undefined && this.pageHeld(now, before, limit)
      }
    }
    const rows = messagesBefore(this.db, roomId, before, limit)
    const oldest = rows[0]?.seq ?? before
    const floor = getRoom(this.db, roomId)?.floorSeq ?? 1
    const more =
      oldest > Math.max(1, floor) || messagesBefore(this.db, roomId, oldest, 1).length > 0
    return { rows, more, complete }
  }

  private enter(room: RoomRow): void {
    const sent = this.link.send({
      event: 'enter',
      roomId: room.roomId,
      message: room.nickname ?? undefined,
      // A room never synced enters without since: the server replays what this uid missed
      // (nothing, on a first join) instead of the whole kept history.
      since: room.syncedSeq ?? undefined,
    })
    if (!sent) return
    this.sessions.set(room.roomId, {
      phase: 'entering',
      since: room.syncedSeq ?? undefined,
      archiveShift: room.archiveShift,
    })
    this.entering.push(room.roomId)
  }

  /**
   * The server lost the room's history (a memory store that restarted) and numbers it from 1
   * again. What is held moves below seq 1, kept and shown as older; sync starts over from 0,
   * so everything the server has now is fetched as a gap.
   */
  private restart(roomId: string, serverSeq: number, session: RoomSession, fx: BatchEffects) {
    const shift = archiveMessages(this.db, roomId)
    restartSync(this.db, roomId, serverSeq, shift)
    if (shift > 0) session.archiveShift = shift
    fx.touch(roomId, 'reset')
    fx.problems.push({ kind: 'history-lost', roomId })
  }

  /** Stores messages; one the server kept when it lost the rest replaces its archived copy. */
  private store(roomId: string, messages: readonly ChatMessage[]): ChatMessage[] {
    const inserted = insertMessages(this.db, messages)
    const shift = this.sessions.get(roomId)?.archiveShift ?? 0
    if (shift > 0) dropArchivedCopies(this.db, roomId, shift, inserted)
    return inserted
  }

  private reenterLater(roomId: string): void {
    const timer = setTimeout(() => {
      this.reenterTimers.delete(timer)
      const room = getRoom(this.db, roomId)
      if (room?.joined && !this.sessions.has(roomId)) this.enter(room)
    }, REENTER_DELAY_MS)
    this.reenterTimers.add(timer)
  }

  private noteSeq(roomId: string, seq: number): void {
    this.touched.set(roomId, Math.max(seq, this.touched.get(roomId) ?? 0))
  }

  private walkHeld(roomId: string, from: number): { synced: number; nextHeld?: number } {
    let synced = from
    for (;;) {
      const held = heldSeqsAfter(this.db, roomId, synced, WALK_STEP)
      const reached = advanceThrough(synced, held)
      const nextHeld = held.find((s) => s > reached)
      synced = reached
      if (nextHeld !== undefined || held.length < WALK_STEP) return { synced, nextHeld }
    }
  }

  private fillGap(room: RoomRow, synced: number, nextHeld: number | undefined): void {
    const session = this.sessions.get(room.roomId)
    if (session?.phase !== 'live') return
    if (session.contextBefore !== undefined) {
      // Below seq 1 there is nothing to fetch.
      if (session.contextBefore > 1) {
        this.requestHistory(room.roomId, session.contextBefore, CONTEXT_PAGE, 'page')
      }
      session.contextBefore = undefined
    }
    if (this.stalled.has(room.roomId) || this.history.hasGapFill(room.roomId)) return
    const gap = missingRange(synced, nextHeld, room.latestSeq)
    if (!gap) return
    const { before, limit } = historyRequestFor(gap)
    this.requestHistory(room.roomId, before, limit, 'gap')
  }

  private requestHistory(roomId: string, before: number, limit: number, purpose: HistoryPurpose) {
    const request = this.history.add(roomId, before, limit, purpose)
    if (!this.link.send({ event: 'history', roomId, before, limit })) this.history.drop(request)
    return request
  }

  private pageHeld(room: RoomRow, before: number, limit: number): boolean {
    const range = pageRange(before, limit, room.floorSeq)
    return (
      !range || countHeld(this.db, room.roomId, range.from, range.to) === range.to - range.from + 1
    )
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref())
}
