// The setup every integration test file of the core shares: one real server process (on a
// private Redis unless the file asks for the memory store), a fresh data directory per test,
// and the cores, writers and relays a test starts, all closed after it.
import { afterAll, afterEach, beforeAll } from 'vitest'
import { TestClient } from '../../../../server/testing/client'
import { startRedisServer, type RedisServer } from '../../../../server/testing/redis-server'
import { startServerProcess, type ServerProcess } from '../../../../server/testing/server-process'
import type { TestTokenOptions } from '../../../../server/testing/tokens'
import { testCore, waitForStatus, type TestCore } from './core-harness'
import { makeTempDir, type TempDir } from './temp-dir'
import { startWsProxy, type WsProxy } from './ws-proxy'

export interface CoreServerOptions {
  /** Server settings on top of the test defaults. */
  env?: Record<string, string>
  /** Run the server on its memory store (history lost on restart) instead of Redis. */
  memoryStore?: boolean
}

export interface SignInOptions {
  /** The token's name claim. */
  name?: string
  /** Connect here instead of to the server (a relay). */
  url?: string
  /** The data directory of the core, under the test's; default: the uid. */
  dataName?: string
  /** Claims and lifetime of the token beyond its name. */
  token?: Omit<TestTokenOptions, 'name' | 'secret'>
}

export interface CoreServer {
  readonly server: ServerProcess
  /** The server's private Redis; absent on the memory store. */
  readonly redis: RedisServer
  /** The test's data directory. */
  readonly dataDir: string
  /** A core on the test's data directory, not signed in; closed after the test. */
  core(dataName: string): TestCore
  /** A core signed in as uid, once its connection is open. */
  signedIn(uid: string, options?: SignInOptions): Promise<TestCore>
  /** A protocol client (uid "writer" by default) that has entered roomId and synced. */
  writer(roomId: string, uid?: string): Promise<TestClient>
  /** A relay to the server, closed after the test. */
  proxy(): Promise<WsProxy>
}

export function useCoreServer(options: CoreServerOptions = {}): CoreServer {
  let redis: RedisServer | undefined
  let server: ServerProcess | undefined
  let dir: TempDir | undefined
  const cleanups: (() => Promise<void> | void)[] = []

  beforeAll(async () => {
    if (!options.memoryStore) redis = await startRedisServer()
    server = await startServerProcess({
      HEARTBEAT_INTERVAL_MS: '1000',
      ...(redis ? { REDIS_URL: redis.url } : {}),
      ...options.env,
    })
  })
  afterAll(async () => {
    await server?.stop()
    await redis?.stop()
  })
  afterEach(async () => {
    // Last started, first closed: a core goes before the relay it talks through.
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
    dir?.remove()
    dir = undefined
  })

  const fixture: CoreServer = {
    get server() {
      if (!server) throw new Error('the server starts in beforeAll')
      return server
    },
    get redis() {
      if (!redis) throw new Error('this server runs on the memory store')
      return redis
    },
    get dataDir() {
      dir ??= makeTempDir()
      return dir.path
    },
    core(dataName) {
      const core = testCore(fixture.dataDir, dataName)
      cleanups.push(() => core.close())
      return core
    },
    async signedIn(uid, o = {}) {
      const core = fixture.core(o.dataName ?? uid)
      const token = await fixture.server.token(uid, { ...o.token, name: o.name ?? uid })
      await core.signIn({ serverUrl: o.url ?? fixture.server.url, token })
      await waitForStatus(core, 'open')
      return core
    },
    async writer(roomId, uid = 'writer') {
      const client = await TestClient.connect(fixture.server.url, {
        token: await fixture.server.token(uid),
      })
      cleanups.push(() => client.close())
      client.send({ event: 'enter', roomId })
      await client.next('synced')
      return client
    },
    async proxy() {
      const proxy = await startWsProxy(fixture.server.url)
      cleanups.push(() => proxy.close())
      return proxy
    },
  }
  return fixture
}

/** Sends "line N" for N in [from, to] into the room, with cids the server keys them by. */
export function writeLines(client: TestClient, roomId: string, from: number, to: number): void {
  for (let i = from; i <= to; i++) {
    client.send({ event: 'message', roomId, message: `line ${i}`, cid: `${roomId}-${i}` })
  }
}
