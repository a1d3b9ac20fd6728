// Plain HTTP on the server's port: /healthz, /metrics and guest sign-in (PROTOCOL "HTTP on
// the same port"). Everything else is 404.
import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { z } from 'zod'
import type { TokenService } from '../auth/tokens'
import type { Logger } from '../logger'
import type { Metrics } from '../metrics'
import type { ChatStore } from '../store/types'

const MAX_BODY_BYTES = 4096
const GUEST_TOKEN_TTL = '7d'
const guestRequest = z.object({ name: z.string().trim().min(1).max(64) })

export interface HttpContext {
  store: ChatStore
  metrics: Metrics
  tokens: TokenService
  guestLogin: boolean
  logger: Logger
}

export async function handleHttp(
  ctx: HttpContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname
  try {
    if (req.method === 'GET' && path === '/healthz') return await healthz(ctx, res)
    if (req.method === 'GET' && path === '/metrics') {
      return reply(res, 200, await ctx.metrics.registry.metrics(), ctx.metrics.registry.contentType)
    }
    if (req.method === 'POST' && path === '/api/token' && ctx.guestLogin)
      return await guestToken(ctx, req, res)
    json(res, 404, { error: 'not found' })
  } catch (err) {
    ctx.logger.error({ err, path }, 'http request failed')
    if (!res.headersSent) json(res, 500, { error: 'internal error' })
  }
}

async function healthz(ctx: HttpContext, res: ServerResponse): Promise<void> {
  const ok = await ctx.store.ping()
  json(res, ok ? 200 : 503, { ok, store: ctx.store.kind })
}

async function guestToken(
  ctx: HttpContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (!ctx.tokens.sign) {
    return json(res, 503, { error: 'this server has only a public key and cannot issue tokens' })
  }
  const body = await readBody(req)
  if (body === undefined)
    return json(res, 413, { error: `body larger than ${MAX_BODY_BYTES} bytes` })
  let parsed
  try {
    parsed = guestRequest.safeParse(JSON.parse(body))
  } catch {
    return json(res, 400, { error: 'body is not JSON' })
  }
  if (!parsed.success) return json(res, 400, { error: 'expected {"name": "<1 to 64 characters>"}' })
  const uid = randomUUID()
  const token = await ctx.tokens.sign({ sub: uid, name: parsed.data.name }, GUEST_TOKEN_TTL)
  json(res, 200, { token, uid })
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk)
      // Too large: answer now and discard the rest unread, so the client still gets the 413.
      req.off('data', onData)
      req.resume()
      resolve(undefined)
    }
    req.on('data', onData)
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function json(res: ServerResponse, status: number, body: unknown): void {
  reply(res, status, JSON.stringify(body), 'application/json')
}

function reply(res: ServerResponse, status: number, body: string, type: string): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) })
  res.end(body)
}
