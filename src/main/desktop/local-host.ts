// "Host on this computer": the Parley server run inside the app's main process with the
// in-process store. Its signing secret is made once and kept in the data directory, and the
// port it got is remembered, so the account signed in to it works again after a restart.
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { networkInterfaces as osNetworkInterfaces } from 'node:os'
import { join } from 'node:path'
import { z } from 'zod'
import type { HostedServer, HostOptions } from '../../shared/bridge'
import { loadConfig } from '../../../server/config'
import { createServer, type ParleyServer } from '../../../server/create-server'
import { DesktopError } from './errors'
import { parseInput } from './input'

const SECRET_FILE = 'host-secret'
const HOSTING_FILE = 'hosting.json'

export const hostOptionsSchema = z.strictObject({
  port: z.number().int().min(0).max(65535).optional(),
  lan: z.boolean().optional(),
})
const hostingFileSchema = z.object({ port: z.number().int().min(1).max(65535), lan: z.boolean() })

export interface LocalHost {
  /** A second call while hosting returns the server already running. */
  start(options: HostOptions): Promise<HostedServer>
  /** Stops the server and forgets it: the next app start does not host. */
  stop(): Promise<void>
  current(): HostedServer | null
  /** Hosts again on the port of the last session, if the user was hosting when the app quit. */
  resume(): Promise<HostedServer | null>
  /** Stops the server but remembers it for the next start (the app is quitting). */
  close(): Promise<void>
}

export interface LocalHostOptions {
  dataDir: string
  /** The server's pino level; 'silent' in tests. */
  logLevel?: string
  networkInterfaces?: typeof osNetworkInterfaces
  warn: (message: string) => void
}

export function createLocalHost(o: LocalHostOptions): LocalHost {
  const interfaces = o.networkInterfaces ?? osNetworkInterfaces
  let running: Promise<{ server: ParleyServer; hosted: HostedServer }> | undefined
  let hosted: HostedServer | null = null

  async function begin(options: HostOptions): Promise<HostedServer> {
    if (!running) {
      const launching = launchServer(options)
      running = launching
      launching.then(
        (r) => {
          if (running === launching) hosted = r.hosted
        },
        () => {
          if (running === launching) running = undefined
        },
      )
    }
    return (await running).hosted
  }

  async function launchServer(options: HostOptions) {
    const lan = options.lan ?? false
    const config = loadConfig({
      NODE_ENV: 'production',
      HOST: lan ? '0.0.0.0' : '127.0.0.1',
      PORT: String(options.port ?? 0),
      JWT_SECRET: secret(o.dataDir),
      GUEST_LOGIN: 'true',
      LOG_LEVEL: o.logLevel ?? 'warn',
    })
    let server: ParleyServer
    try {
      server = await createServer(config, { processMetrics: false })
    } catch (err) {
      throw listenError(err, options.port ?? 0)
    }
    writeFileSync(join(o.dataDir, HOSTING_FILE), JSON.stringify({ port: server.port, lan }))
    const hosted: HostedServer = {
      serverUrl: `ws://127.0.0.1:${server.port}/`,
      port: server.port,
      lanUrls: lan ? lanUrls(interfaces, server.port) : [],
    }
    return { server, hosted }
  }

  async function shutdown(forget: boolean): Promise<void> {
    const current = running
    running = undefined
    hosted = null
    const { server } = (await current?.catch(() => undefined)) ?? {}
    if (forget) rmSync(join(o.dataDir, HOSTING_FILE), { force: true })
    await server?.close()
  }

  return {
    start: async (options) => begin(parseInput(hostOptionsSchema, options ?? {}, 'Hosting')),
    stop: () => shutdown(true),
    close: () => shutdown(false),
    current: () => (hosted ? { ...hosted, lanUrls: [...hosted.lanUrls] } : null),
    async resume() {
      const file = join(o.dataDir, HOSTING_FILE)
      if (!existsSync(file)) return null
      let last: z.infer<typeof hostingFileSchema>
      try {
        last = hostingFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')))
      } catch {
        o.warn('hosting file unreadable: not hosting at start')
        return null
      }
      try {
        return await begin(last)
      } catch (err) {
        o.warn(`could not host again on port ${last.port}: ${(err as Error).message}`)
        return null
      }
    },
  }
}

/** The signing secret of tokens this app's server issues, made on first use. */
function secret(dataDir: string): string {
  const file = join(dataDir, SECRET_FILE)
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim()
    if (kept.length >= 32) return kept
  }
  const fresh = randomBytes(32).toString('hex')
  writeFileSync(file, fresh, { mode: 0o600 })
  return fresh
}

/** ws:// addresses of this machine's non-loopback IPv4 interfaces, for others to join. */
export function lanUrls(interfaces: typeof osNetworkInterfaces, port: number): string[] {
  const urls: string[] = []
  for (const list of Object.values(interfaces())) {
    for (const a of list ?? []) {
      if (a.family === 'IPv4' && !a.internal && !a.address.startsWith('169.254.')) {
        urls.push(`ws://${a.address}:${port}/`)
      }
    }
  }
  return urls
}

function listenError(err: unknown, port: number): DesktopError {
  const code = (err as { code?: unknown }).code
  if (code === 'EADDRINUSE') {
    return new DesktopError(
      'invalid-input',
      `Port ${port} is already in use: pick another, or leave it empty for a free one.`,
    )
  }
  if (code === 'EACCES') {
    return new DesktopError(
      'invalid-input',
      `Port ${port} needs administrator rights: pick one from 1024 up.`,
    )
  }
  return new DesktopError('internal', `The local server did not start: ${(err as Error).message}`, {
    cause: err,
  })
}
