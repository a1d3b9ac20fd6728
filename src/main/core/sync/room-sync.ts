// Sync of joined rooms over one socket at a time: replay and `synced` after each enter (see
// room-entries.ts), gap detection and filling, scroll-back pages that fill local holes, and a
// server that lost its history. Keeps the invariant of docs/desktop-core.md: synced_seq only
// covers seqs actually held.
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
import { getRoom, restartSync, updateSyncPoint } from '../db/rooms'
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
import { RoomEntries, type RoomSession } from './room-entries'

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

export class RoomSync {
  /** The rooms entered on the current socket; the session glue calls join, forget, reenter. */
  readonly entries: RoomEntries
  private readonly history = new HistoryRequests()
  /** Highest seq seen per room in the current batch. */
  private readonly touched = new Map<string, number>()
  /** Rooms whose gap the server could not fill on this socket; not asked again until the next. */
  private readonly stalled = new Set<string>()

  constructor(
    private readonly db: Database,
    private readonly link: FrameLink,
    private readonly myUid: string,
    /** A database failure in a timer, where no caller can catch it. */
    onTimerError: (err: unknown) => void,
  ) {
    this.entries = new RoomEntries(db, link, onTimerError)
  }

  /** A new authenticated socket: every joined room is entered with its since. */
  onOpen(): void {
    this.entries.open()
  }

  /** The socket is gone: what it was asked and what it was in go with it. */
  onClosed(): void {
    this.entries.close()
    this.touched.clear()
    this.stalled.clear()
    this.history.failAll()
  }

  applyMessage(m: ServerFrameOf<'message'>, fx: BatchEffects): void {
    const session = this.entries.get(m.roomId)
    if (session?.phase === 'entering' && session.firstSeq === undefined && !m.repeat) {
      session.firstSeq = m.seq
    }
    this.noteSeq(m.roomId, m.seq)
    if (this.store(m.roomId, [m]).length === 0) return
    fx.touch(m.roomId, 'received')
    if (session?.phase === 'live' && !m.repeat && m.uid !== this.myUid) fx.live.push(m)
  }

  applySynced(f: ServerFrameOf<'synced'>, fx: BatchEffects): void {
    const session = this.entries.synced(f.roomId)
    const room = getRoom(this.db, f.roomId)
    if (!session || !room?.joined) return
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

  /** Handles an error answering an enter or a history request; others are not about sync. */
  applyError(f: ServerFrameOf<'error'>, fx: BatchEffects): void {
    if (f.ref === 'history') {
      const request = this.history.takeFailed()
      if (request?.purpose === 'gap') this.stalled.add(request.roomId)
      request?.settle(undefined)
    } else if (f.ref === 'enter') {
      const roomId = this.entries.refused(f.code)
      if (roomId !== undefined && f.code === 'forbidden') {
        fx.problems.push({ kind: 'room-forbidden', roomId })
      }
    }
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
    if (!complete && this.entries.isLive(roomId)) {
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
    const shift = this.entries.get(roomId)?.archiveShift ?? 0
    if (shift > 0) dropArchivedCopies(this.db, roomId, shift, inserted)
    return inserted
  }

  /** The room's latest seq known so far, counting the batch being applied. */
  latestKnown(roomId: string): number {
    return Math.max(this.touched.get(roomId) ?? 0, getRoom(this.db, roomId)?.latestSeq ?? 0)
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
    const session = this.entries.get(room.roomId)
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
