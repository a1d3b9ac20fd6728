// Helpers for integration tests that run real cores against a real server: short timings,
// waiting for conditions, and reading a room back through the public API.
import { join } from 'node:path'
import type { ConnectionState, MessageView } from '../../../shared/bridge'
import { createParleyCore, type ParleyCore } from '../core'

/** Retry fast so tests that kill servers do not wait out production backoff. */
export const TEST_TUNING = {
  connectTimeoutMs: 2000,
  stableAfterMs: 1000,
  backoff: { baseMs: 50, capMs: 500 },
}

export interface TestCore extends ParleyCore {
  states: ConnectionState[]
}

export function testCore(dataDir: string, name: string): TestCore {
  const core = createParleyCore({ dataDir: join(dataDir, name), connection: TEST_TUNING })
  const states: ConnectionState[] = []
  core.onConnectionState((s) => states.push(s))
  return Object.assign(core, { states })
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
