// The real thing under churn: two server processes on one redis-server, a dozen clients
// entering, leaving, sending and reconnecting through relays whose links are cut now and then,
// and every connection's stream checked against the ordering rule of docs/protocol.md. Each
// client's choices come from a seeded generator; the seed is in the test's name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TestClient, type Frame } from './testing/client'
import { seededRandom } from '../src/shared/seeded-random'
import { ENTERED, LEFT, orderingViolations } from './testing/ordering-rule'
import { startRedisServer, type RedisServer } from './testing/redis-server'
import { startServerProcess, type ServerProcess } from './testing/server-process'
import { startTcpProxy, type TcpProxy } from './testing/tcp-proxy'
import { testToken } from './testing/tokens'

const SEED = 20261204
const CLIENTS = 12
const ACTIONS_PER_CLIENT = 80
const ROOMS = ['s1', 's2', 's3']
const WAIT_MS = 10_000

let redis: RedisServer
const servers: ServerProcess[] = []
const relays: TcpProxy[] = []
/** Every connection made, for the final check. */
const connections: TestClient[] = []

beforeAll(async () => {
  redis = await startRedisServer()
  const env = {
    REDIS_URL: redis.url,
    HEARTBEAT_INTERVAL_MS: '1000',
    RATE_LIMIT_PER_SEC: '10000',
    RATE_LIMIT_BURST: '10000',
    LOG_LEVEL: 'warn',
  }
  servers.push(...(await Promise.all([startServerProcess(env), startServerProcess(env)])))
  for (const s of servers) relays.push(await startTcpProxy(s.port))
}, 60_000)
afterAll(async () => {
  for (const c of connections) c.ws.terminate()
  await Promise.all(relays.map((r) => r.close()))
  await Promise.all(servers.map((s) => s.stop()))
  await redis.stop()
})

/** One simulated user: its choices, its current connection, the rooms it is in there. */
class Churner {
  private c: TestClient | undefined
  private readonly rooms = new Set<string>()
  /** Highest seq seen per room with none missing before it, over all its connections. */
  private readonly contiguous = new Map<string, number>()
  private sent = 0

  constructor(
    readonly uid: string,
    private readonly random: () => number,
  ) {}

  async run(): Promise<void> {
    for (let i = 0; i < ACTIONS_PER_CLIENT; i++) {
      try {
        await this.act()
      } catch {
        // The link was cut under an action: the next one reconnects.
        this.c = undefined
      }
    }
    this.c?.close()
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!
  }

  private async act(): Promise<void> {
    if (!this.c || this.c.ws.readyState !== this.c.ws.OPEN) return this.connect()
    const r = this.random()
    if (r < 0.05) return this.reconnect()
    if (r < 0.08) return relays[Math.floor(this.random() * relays.length)]!.cutOne(0)
    if (r < 0.2 || this.rooms.size === 0) return this.enter(this.pick(ROOMS))
    if (r < 0.3) return this.leave(this.pick([...this.rooms]))
    return this.send(this.pick([...this.rooms]))
  }

  private async connect(): Promise<void> {
    const relay = this.pick(relays)
    const c = await TestClient.connect(`ws://127.0.0.1:${relay.port}/`, {
      token: await testToken(this.uid),
    })
    connections.push(c)
    c.ws.on('message', () => this.track(c))
    this.c = c
    this.rooms.clear()
    await c.next('auth', WAIT_MS)
    for (const roomId of ROOMS) if (this.random() < 0.5) await this.enter(roomId)
  }

  private async reconnect(): Promise<void> {
    this.c!.close()
    await this.c!.closed
    this.c = undefined
    await this.connect()
  }

  private async enter(roomId: string): Promise<void> {
    const c = this.c!
    const since = this.random() < 0.5 ? this.contiguous.get(roomId) : undefined
    c.frames.push({ event: ENTERED, roomId })
    this.rooms.add(roomId)
    c.send({ event: 'enter', roomId, ...(since === undefined ? {} : { since }) })
    await c.next((f) => f.event === 'synced' && f.roomId === roomId, WAIT_MS)
  }

  private async leave(roomId: string): Promise<void> {
    const c = this.c!
    c.send({ event: 'leave', roomId })
    // Frames are handled in order: once `rooms` answers, the leave is done.
    c.send({ event: 'rooms' })
    await c.next('rooms', WAIT_MS)
    c.frames.push({ event: LEFT, roomId })
    this.rooms.delete(roomId)
  }

  private async send(roomId: string): Promise<void> {
    const c = this.c!
    const cid = `${this.uid}-${++this.sent}`
    c.send({ event: 'message', roomId, message: `hello ${this.sent}`, cid })
    await c.next((f) => f.event === 'message' && f.cid === cid, WAIT_MS)
  }

  private track(c: TestClient): void {
    const f: Frame | undefined = c.frames[c.frames.length - 1]
    if (f?.event !== 'message') return
    const known = this.contiguous.get(f.roomId as string) ?? 0
    if (f.seq === known + 1) this.contiguous.set(f.roomId as string, f.seq)
  }
}

describe('two instances under churn', () => {
  it(`keeps every connection's stream in order, without gaps or repeats (seed ${SEED})`, async () => {
    const random = seededRandom(SEED)
    const churners = Array.from(
      { length: CLIENTS },
      (_, i) => new Churner(`churn-${i}`, seededRandom(Math.floor(random() * 2 ** 32))),
    )
    await Promise.all(churners.map((c) => c.run()))
    const violations: string[] = []
    for (const [i, c] of connections.entries())
      for (const roomId of ROOMS)
        for (const v of orderingViolations(c.frames, roomId))
          violations.push(`conn ${i} ${roomId} ${v}`)
    expect(violations).toEqual([])
    // Enough happened for the check to mean something.
    const delivered = connections.reduce(
      (n, c) => n + c.frames.filter((f) => f.event === 'message').length,
      0,
    )
    expect(connections.length).toBeGreaterThan(CLIENTS)
    expect(delivered).toBeGreaterThan(500)
    // A last reader replays each room from the start: every seq stored, none missing.
    const reader = await TestClient.connect(servers[0]!.url, { token: await testToken('reader') })
    connections.push(reader)
    await reader.next('auth')
    for (const roomId of ROOMS) {
      reader.send({ event: 'enter', roomId, since: 0 })
      const synced = await reader.next((f) => f.event === 'synced' && f.roomId === roomId)
      const seqs = reader.messages(roomId).map((f) => f.seq as number)
      expect(seqs).toEqual(Array.from({ length: synced.seq as number }, (_, k) => k + 1))
    }
  }, 60_000)
})
