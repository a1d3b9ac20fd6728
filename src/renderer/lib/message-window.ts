// The slice of a room's messages held in memory: merging pages into it, keys that survive a
// message leaving the outbox, and trimming it to a bounded size.
import type { MessageView } from '../../shared/bridge'

/**
 * A key that stays the same when an outbox row comes back from the server as a stored message:
 * the sender's cid when there is one, else the seq.
 */
export function messageKey(m: MessageView): string {
  return m.cid !== null ? `c:${m.uid}:${m.cid}` : `s:${m.seq}`
}

export function isStored(m: MessageView): m is MessageView & { seq: number } {
  return m.seq !== null
}

export function oldestSeq(messages: readonly MessageView[]): number | null {
  for (const m of messages) if (m.seq !== null) return m.seq
  return null
}

export function newestSeq(messages: readonly MessageView[]): number | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const seq = messages[i]?.seq
    if (seq !== null && seq !== undefined) return seq
  }
  return null
}

/**
 * Stored messages of both lists once each (the incoming copy wins), in seq order, followed by
 * the outbox rows: the incoming list's when it is a newest page (which ends with the room's
 * outbox), else the current ones. An outbox row whose message is now stored is dropped.
 */
export function mergeMessages(
  current: readonly MessageView[],
  incoming: readonly MessageView[],
  outboxFrom: 'current' | 'incoming',
): MessageView[] {
  const bySeq = new Map<number, MessageView>()
  for (const m of current) if (isStored(m)) bySeq.set(m.seq, m)
  for (const m of incoming) if (isStored(m)) bySeq.set(m.seq, m)
  const stored = [...bySeq.values()].sort((a, b) => (a.seq as number) - (b.seq as number))
  const storedKeys = new Set(stored.map(messageKey))
  const outbox = (outboxFrom === 'incoming' ? incoming : current).filter(
    (m) => !isStored(m) && !storedKeys.has(messageKey(m)),
  )
  return [...stored, ...outbox]
}

/** Drops messages from one end so at most `max` stay; says whether anything was dropped. */
export function trimWindow(
  messages: MessageView[],
  max: number,
  from: 'oldest' | 'newest',
): { messages: MessageView[]; trimmed: boolean } {
  if (messages.length <= max) return { messages, trimmed: false }
  const kept = from === 'oldest' ? messages.slice(messages.length - max) : messages.slice(0, max)
  return { messages: kept, trimmed: true }
}
