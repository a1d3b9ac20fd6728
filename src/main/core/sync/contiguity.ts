// The pure arithmetic of "no gap, no duplicate": how far the held seqs run without a hole,
// which range is missing, and which history requests fetch it. No I/O, so every rule here is
// unit-tested on plain numbers.
import { HISTORY_MAX_LIMIT } from '../../../shared/protocol'

/** An inclusive range of seqs. */
export interface SeqRange {
  from: number
  to: number
}

/**
 * The highest seq reachable from `synced` by stepping through held seqs one at a time.
 * `heldAbove` is ascending and holds only seqs greater than `synced`.
 */
export function advanceThrough(synced: number, heldAbove: readonly number[]): number {
  let reached = synced
  for (const seq of heldAbove) {
    if (seq !== reached + 1) break
    reached = seq
  }
  return reached
}

/**
 * What is missing above `synced`, given the lowest held seq above it and the latest seq known
 * to exist. Undefined when nothing is missing.
 */
export function missingRange(
  synced: number,
  nextHeld: number | undefined,
  latest: number,
): SeqRange | undefined {
  const to = nextHeld === undefined ? latest : nextHeld - 1
  return to > synced ? { from: synced + 1, to } : undefined
}

/**
 * The history request that fetches the top of a missing range. History returns the newest
 * `limit` messages below `before`, so a range wider than the server's limit takes several
 * requests, each asked after the previous answer is stored.
 */
export function historyRequestFor(range: SeqRange): { before: number; limit: number } {
  return { before: range.to + 1, limit: Math.min(HISTORY_MAX_LIMIT, range.to - range.from + 1) }
}

/**
 * The seqs a page of `limit` messages before `before` must hold to be complete, given that
 * the server keeps nothing below `floor`. Undefined when the page reaches below everything kept.
 */
export function pageRange(before: number, limit: number, floor: number): SeqRange | undefined {
  const from = Math.max(1, floor, before - limit)
  const to = before - 1
  return to >= from ? { from, to } : undefined
}

/**
 * The floor a `history` answer reveals: with `more: false` nothing older than its oldest
 * message is kept (or nothing below `before` at all, when it is empty).
 */
export function floorFromHistory(
  before: number,
  seqs: readonly number[],
  more: boolean,
): number | undefined {
  if (more) return undefined
  return seqs.length === 0 ? before : Math.min(...seqs)
}

/**
 * Where sync starts counting when it has no usable point of its own (a first join, or a replay
 * the server truncated): just below the first replayed message, else the synced seq.
 */
export function baselineAfterSynced(firstReplayed: number | undefined, syncedSeq: number): number {
  return firstReplayed === undefined ? syncedSeq : firstReplayed - 1
}
