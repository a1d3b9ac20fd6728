// createServer(config): the whole Parley server as a function, so tests and the desktop
// core's tests can run one in-process; server/main.ts runs it as a process.
import { randomUUID } from 'node:crypto'
import { createServer as createHttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { SUBPROTOCOL, CloseCode } from '../src/shared/protocol'
import { createTokenService } from './auth/tokens'
import { createLocalBus } from './bus/local'
import { createRedisBus } from './bus/redis'
import type { Bus } from './bus/types'
import { MIN_SECRET_CHARS, type ServerConfig } from './config'
import type { GatewayContext } from './gateway/context'
import { startHeartbeat } from './gateway/heartbeat'
import { Session } from './gateway/session'
import { sessionOf } from './gateway/session-socket'
import { createUpgradeHandler } from './gateway/upgrade'
import { handleHttp } from './http/routes'
import { createLogger, type Logger } from './logger'
import { createMetrics } from './metrics'
import { CursorTracker } from './rooms/cursor-tracker'
import { RoomHub } from './rooms/room-hub'
import { createMemoryStore } from './store/memory'
import { createRedisStore } from './store/redis'
import type { ChatStore } from './store/types'

export interface ParleyServer {
  port: number
  /** ws://host:port/ for clients on this machine. */
  url: string
  /** Stops accepting, closes every socket with 1001, finishes in-flight stores, then resolves. */
  close(): Promise<void>
}

export interface ServerOptions {
  logger?: Logger
  /** Node's default process metrics; off for in-process test servers. */
  processMetrics?: boolean
  /** Tests wrap the store to delay or hold its calls (server/testing/delayed-store.ts). */
  wrapStore?: (store: ChatStore) => ChatStore
}

export async function createServer(
  config: ServerConfig,
  options: ServerOptions = {},
): Promise<ParleyServer> {
  const logger = options.logger ?? createLogger(config.logLevel)
  const tokens = await createTokenService(config.jwt)
  if (config.jwt.kind === 'secret' && config.jwt.development) {
    logger.warn(
      'JWT_SECRET is not set: using the built-in development key; anyone can forge tokens',
    )
  } else if (config.jwt.kind === 'secret' && config.jwt.weak) {
    logger.warn(
      `JWT_SECRET is weak (under ${MIN_SECRET_CHARS} characters): fine for trying things out, refused with NODE_ENV=production`,
    )
  }
  const instanceId = randomUUID()
  const storage = openStorage(config, instanceId)
  const { bus } = storage
  const store = options.wrapStore ? options.wrapStore(storage.store) : storage.store
  logger.info(
    config.redisUrl
      ? { store: 'redis' }
      : {
          store: 'memory',
          hint: 'set REDIS_URL to keep messages across restarts and run several instances',
        },
    'storage configured',
  )
  // The server starts anyway and recovers by itself, but a self-hoster should hear of it now.
  if (!(await store.ping())) {
    logger.warn(
      { store: store.kind },
      'storage not reachable yet: /healthz answers 503 and clients get unavailable until it is',
    )
  }

  const sessions = new Set<Session>()
  const hub = new RoomHub({
    store,
    bus,
    logger,
    instanceId,
    // A crashed instance's connections stop counting within two heartbeat intervals.
    presenceTtlMs: 2 * config.heartbeatIntervalMs,
  })
  const metrics = createMetrics(
    { connections: () => sessions.size, rooms: () => hub.size },
    options.processMetrics ?? true,
  )
  const cursors = new CursorTracker(store, logger)
  const ctx: GatewayContext = { config, store, hub, cursors, tokens, metrics, logger }

  let accepting = true
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: config.maxPayloadBytes,
    perMessageDeflate: false,
    clientTracking: false,
    handleProtocols: (offered) => (offered.has(SUBPROTOCOL) ? SUBPROTOCOL : false),
  })
  const http = createHttpServer((req, res) => {
    void handleHttp({ store, metrics, tokens, guestLogin: config.guestLogin, logger }, req, res)
  })
  const onUpgrade = createUpgradeHandler({
    wss,
    tokens,
    allowedOrigins: config.allowedOrigins,
    accepting: () => accepting,
    onConnection(ws, identity, socket) {
      const session = new Session(ctx, ws, socket, ws.protocol === SUBPROTOCOL)
      sessions.add(session)
      ws.on('error', onSocketError)
      // `on`, not `once`: ws emits close once, and `once` wraps every listener anew.
      ws.on('close', onSocketClose)
      session.start(identity)
    },
  })
  // One listener of each kind for all sockets, not closures per connection
  // (docs/benchmarks.md: what an idle connection keeps).
  function onSocketError(this: WebSocket, err: Error): void {
    logger.debug({ err: err.message, conn: sessionOf(this).connId }, 'socket error')
  }
  function onSocketClose(this: WebSocket): void {
    const session = sessionOf(this)
    sessions.delete(session)
    void session.onClosed()
  }
  http.on('upgrade', (req, socket, head) => {
    onUpgrade(req, socket, head).catch((err: unknown) => {
      logger.error({ err }, 'upgrade failed')
      socket.destroy()
    })
  })

  const stopHeartbeat = startHeartbeat(config.heartbeatIntervalMs, sessions, () => {
    hub
      .heartbeat()
      .catch((err: Error) =>
        logger.warn(
          { err: err.message },
          'presence renewal or room catch-up skipped this heartbeat',
        ),
      )
  })

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject)
    http.listen(config.port, config.host, () => resolve())
  })
  const port = (http.address() as AddressInfo).port
  logger.info({ port, host: config.host }, 'parley server listening')

  let closing: Promise<void> | undefined
  return {
    port,
    url: `ws://127.0.0.1:${port}/`,
    close: () => (closing ??= shutdown()),
  }

  async function shutdown(): Promise<void> {
    accepting = false
    stopHeartbeat()
    const stopped = new Promise<void>((resolve) => http.close(() => resolve()))
    const all = [...sessions]
    // Frames in flight finish first (a message being stored is stored and echoed), then 1001.
    await withTimeout(Promise.all(all.map((s) => s.drain())), config.shutdownTimeoutMs)
    for (const s of all) s.close(CloseCode.goingAway, 'server shutting down')
    await withTimeout(Promise.all(all.map((s) => s.onClosed())), config.shutdownTimeoutMs)
    for (const s of sessions) s.terminate()
    http.closeAllConnections()
    await stopped
    await cursors.close()
    await bus.close()
    await store.close()
    logger.info('parley server stopped')
  }
}

function openStorage(config: ServerConfig, instanceId: string): { store: ChatStore; bus: Bus } {
  if (config.redisUrl) {
    const { redisUrl: url, historyLimit } = config
    return {
      store: createRedisStore({ url, instanceId, historyLimit }),
      bus: createRedisBus({ url, instanceId }),
    }
  }
  return { store: createMemoryStore({ historyLimit: config.historyLimit }), bus: createLocalBus() }
}

function withTimeout(p: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    void p.finally(() => {
      clearTimeout(timer)
      resolve()
    })
  })
}
