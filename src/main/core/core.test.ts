// The facade without a server: everything a user can do offline, argument checks, and a
// broken database reported once instead of crashing.
import { writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ConnectionState, MessagesChangedEvent } from '../../shared/bridge'
import { createParleyCore, type ParleyCore } from './core'
import { insertMessages } from './db/messages'
import { accountDatabasePath, openAccountDatabase } from './db/open'
import { updateSyncPoint } from './db/rooms'
import { ParleyCoreError } from './errors'
import { TEST_TUNING, waitFor } from './testing/core-harness'
import { chatMessages } from './testing/messages'
import { makeTempDir, type TempDir } from './testing/temp-dir'

const token = (sub: string) =>
  `e30.${Buffer.from(JSON.stringify({ sub, name: 'Me' })).toString('base64url')}.x`

/** A port nothing listens on: the core stays offline for the whole test. */
async function deadUrl(): Promise<string> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as { port: number }
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  return `ws://127.0.0.1:${port}/`
}

async function rejection(p: Promise<unknown>): Promise<ParleyCoreError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(ParleyCoreError)
  return err as ParleyCoreError
}

let dir: TempDir
let core: ParleyCore
let serverUrl: string

beforeEach(async () => {
  dir = makeTempDir()
  core = createParleyCore({ dataDir: dir.path, connection: TEST_TUNING })
  serverUrl = await deadUrl()
})
afterEach(async () => {
  await core.close()
  dir.remove()
})

describe('createParleyCore, offline', () => {
  it('refuses calls before sign-in and says it is signed out', async () => {
    expect(await core.getConnectionState()).toEqual({
      status: 'signed-out',
      reason: 'not-signed-in',
    })
    expect(await core.getAccount()).toBeNull()
    expect((await rejection(core.listRooms())).code).toBe('not-signed-in')
    expect(await core.getUnreadTotal()).toBe(0)
  })

  it('signs in from the token alone and keeps trying to connect', async () => {
    const states: ConnectionState[] = []
    core.onConnectionState((s) => states.push(s))
    const account = await core.signIn({ serverUrl, token: token('me') })
    expect(account).toEqual({ serverUrl, uid: 'me', name: 'Me' })
    await new Promise((r) => setTimeout(r, 200))
    expect(states[0]).toEqual({ status: 'connecting', attempt: 1 })
    expect(states.some((s) => s.status === 'reconnecting')).toBe(true)
  })

  it('joins, sends and pages while offline: the send shows at once as pending', async () => {
    await core.signIn({ serverUrl, token: token('me') })
    const events: MessagesChangedEvent[] = []
    core.onMessages((e) => events.push(e))
    expect(await core.joinRoom('r', 'Nick')).toMatchObject({ roomId: 'r', unread: 0 })
    const sent = await core.send('r', 'hello')
    expect(sent).toMatchObject({
      roomId: 'r',
      seq: null,
      uid: 'me',
      name: 'Nick',
      state: 'pending',
    })
    expect(sent.cid).toMatch(/^[0-9a-f-]{36}$/)
    expect(events).toEqual([{ roomId: 'r', reason: 'outbox' }])
    const page = await core.newestPage('r')
    expect(page).toEqual({ messages: [sent], more: false, complete: true })
    await core.discard(sent.cid as string)
    expect((await core.newestPage('r')).messages).toEqual([])
  })

  it('checks arguments before they reach the wire or the database', async () => {
    await core.signIn({ serverUrl, token: token('me') })
    expect((await rejection(core.joinRoom(''))).code).toBe('invalid-input')
    await core.joinRoom('r')
    expect((await rejection(core.send('r', '   '))).code).toBe('invalid-input')
    expect((await rejection(core.send('elsewhere', 'hi'))).code).toBe('not-found')
    expect((await rejection(core.pageBefore('r', 1.5))).code).toBe('invalid-input')
    expect((await rejection(core.retry('no-such-cid'))).code).toBe('not-found')
    expect((await rejection(core.signIn({ serverUrl: 'nonsense', token: token('me') }))).code).toBe(
      'invalid-input',
    )
    expect((await rejection(core.signIn({ serverUrl, token: 'not-a-jwt' }))).code).toBe(
      'invalid-input',
    )
  })

  it('refuses renderer input that would break the wire, the account or an event', async () => {
    await core.signIn({ serverUrl, token: token('me') })
    await core.joinRoom('r')
    // The server answers every enter with a nickname over 64 characters with bad_event.
    expect((await rejection(core.joinRoom('r2', 'n'.repeat(65)))).code).toBe('invalid-input')
    expect((await core.listRooms()).map((r) => r.roomId)).toEqual(['r'])
    // A frame over the server's 64 KiB closes the socket (1009) and would be resent forever.
    expect((await rejection(core.send('r', 'x'.repeat(70_000)))).code).toBe('invalid-input')
    expect((await rejection(core.search('x', null as never))).code).toBe('invalid-input')
    expect(() => core.onMessages(undefined as never)).toThrow(ParleyCoreError)
  })

  it('refuses a token that cannot travel in a header, and stays signed out', async () => {
    const bad = `${token('me')}\r\nX-Injected: 1`
    expect((await rejection(core.signIn({ serverUrl, token: bad }))).code).toBe('invalid-input')
    expect(await core.getAccount()).toBeNull()
    expect(await core.getConnectionState()).toMatchObject({ status: 'signed-out' })
  })

  it('never marks read beyond the newest message held, so later ones still count', async () => {
    await core.signIn({ serverUrl, token: token('me') })
    await core.joinRoom('r')
    await core.markRead('r', 1_000_000)
    expect((await core.listRooms())[0]?.lastReadSeq).toBe(0)
    await core.close()
    const db = openAccountDatabase(dir.path, { serverUrl, uid: 'me' })
    insertMessages(db, chatMessages('r', 1, 2))
    updateSyncPoint(db, 'r', { syncedSeq: 2, latestSeq: 2 })
    db.close()
    core = createParleyCore({ dataDir: dir.path, connection: TEST_TUNING })
    await core.signIn({ serverUrl, token: token('me') })
    expect((await core.listRooms())[0]).toMatchObject({ unread: 2, lastReadSeq: 0 })
  })

  it('keeps reconnecting when a listener throws (the window it sends to is gone)', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const off = core.onConnectionState(() => {
      throw new Error('Object has been destroyed')
    })
    const statuses: string[] = []
    core.onConnectionState((s) => statuses.push(s.status))
    await core.signIn({ serverUrl, token: token('me') })
    await waitFor(() => statuses.filter((s) => s === 'connecting').length >= 2, 'a second try')
    expect(logged).toHaveBeenCalled()
    off()
    logged.mockRestore()
  })

  it('keeps rooms, mute and pending sends in the database across a restart', async () => {
    await core.signIn({ serverUrl, token: token('me') })
    await core.joinRoom('kept')
    await core.setMuted('kept', true)
    const sent = await core.send('kept', 'survives')
    await core.close()
    core = createParleyCore({ dataDir: dir.path, connection: TEST_TUNING })
    await core.signIn({ serverUrl, token: token('me') })
    expect(await core.listRooms()).toMatchObject([{ roomId: 'kept', muted: true }])
    expect((await core.newestPage('kept')).messages).toEqual([sent])
  })

  it('forgets a room and its local copy', async () => {
    await core.signIn({ serverUrl, token: token('me') })
    await core.joinRoom('gone')
    await core.send('gone', 'never sent')
    await core.forgetRoom('gone')
    expect(await core.listRooms()).toEqual([])
    expect((await rejection(core.newestPage('gone'))).code).toBe('not-found')
  })

  it('reports a damaged database as db-corrupt, with no retry loop', async () => {
    writeFileSync(accountDatabasePath(dir.path, { serverUrl, uid: 'me' }), 'garbage'.repeat(1000))
    const err = await rejection(core.signIn({ serverUrl, token: token('me') }))
    expect(err.code).toBe('db-corrupt')
    expect(err.toInfo().message).toMatch(/damaged/)
    expect(await core.getConnectionState()).toMatchObject({ status: 'signed-out' })
    expect(await core.getAccount()).toBeNull()
  })

  it('switches accounts, each with its own database file', async () => {
    await core.signIn({ serverUrl, token: token('me') })
    await core.joinRoom('mine')
    await core.signIn({ serverUrl, token: token('someone-else') })
    expect(await core.listRooms()).toEqual([])
    await core.signIn({ serverUrl, token: token('me') })
    expect((await core.listRooms()).map((r) => r.roomId)).toEqual(['mine'])
  })

  it('waits for the network when the OS says it is offline', async () => {
    core.network.offline()
    await core.signIn({ serverUrl, token: token('me') })
    expect(await core.getConnectionState()).toEqual({ status: 'offline' })
    core.network.online()
    expect((await core.getConnectionState()).status).toBe('connecting')
  })
})
