// Helpers for tests that run real cores: short timings, waiting for conditions, and reading a
// room back through the public API.
import { join } from 'node:path'
import type { ConnectionState, MessageView, ParleyProblem } from '../../../shared/bridge'
import { createParleyCore, type ParleyCore } from '../core'

/** Retry fast so tests that kill servers do not wait out production backoff. */
export const TEST_TUNING = {
  connectTimeoutMs: 2000,
  stableAfterMs: 1000,
  backoff: { baseMs: 50, capMs: 500 },
}

/** A core that records every connection state and problem it reports. */
export interface TestCore extends ParleyCore {
  states: ConnectionState[]
  problems: ParleyProblem[]
}

export function testCore(dataDir: string, name: string): TestCore {
  const core = createParleyCore({ dataDir: join(dataDir, name), connection: TEST_TUNING })
  const states: ConnectionState[] = []
  const problems: ParleyProblem[] = []
  core.onConnectionState((s) => states.push(s))
  core.onProblem((p) => problems.push(p))
  return Object.assign(core, { states, problems })
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

export async function waitForStatus(
  core: ParleyCore,
  status: ConnectionState['status'],
  timeoutMs?: number,
): Promise<void> {
  await waitFor(
    async () => (await core.getConnectionState()).status === status,
    `connection ${status}`,
    timeoutMs,
  )
}

export async function latestSeq(core: ParleyCore, roomId: string): Promise<number | undefined> {
  return (await core.listRooms()).find((r) => r.roomId === roomId)?.latestSeq
}

/** Waits until the core knows of seq in the room. */
export async function reachedSeq(core: ParleyCore, roomId: string, seq: number): Promise<void> {
  await waitFor(async () => (await latestSeq(core, roomId)) === seq, `${roomId} at seq ${seq}`)
}

/** Joins and waits until the server has let the core in (presence announced). */
export async function joined(core: ParleyCore, roomId: string): Promise<void> {
  await core.joinRoom(roomId)
  await waitFor(
    async () => (await core.listRooms()).find((r) => r.roomId === roomId)?.presence != null,
    `entered ${roomId}`,
  )
}

/** Waits until every message of the room the core shows is stored by the server. */
export async function outboxEmpty(core: ParleyCore, roomId: string): Promise<void> {
  await waitFor(
    async () => (await core.newestPage(roomId)).messages.every((m) => m.state === 'sent'),
    'outbox drained',
    20_000,
  )
}

/** Every message of a room the core can show, oldest first, paging back from the newest. */
export async function readRoom(core: ParleyCore, roomId: string): Promise<MessageView[]> {
  const newest = await core.newestPage(roomId, 200)
  const all = [...newest.messages]
  let more = newest.more
  while (more) {
    const oldest = all.find((m) => m.seq !== null)?.seq
    if (oldest === undefined || oldest === null) break
    const page = await core.pageBefore(roomId, oldest, 200)
    if (page.messages.length === 0) break
    all.unshift(...page.messages)
    more = page.more
  }
  return all
}

/** The stored (not outbox) messages of a room, as seqs and texts. */
export async function storedTexts(core: ParleyCore, roomId: string): Promise<string[]> {
  return (await readRoom(core, roomId)).filter((m) => m.state === 'sent').map((m) => m.text)
}

export async function storedSeqs(core: ParleyCore, roomId: string): Promise<number[]> {
  return (await readRoom(core, roomId)).flatMap((m) => (m.seq === null ? [] : [m.seq]))
}

export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i)
}
