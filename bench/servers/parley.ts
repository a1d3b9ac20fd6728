// Parley as the benchmark runs it: `server/main.ts` as a child process with settings for load,
// either with the in-process store or with a private redis-server started for this run only
// (never the machine's shared Redis on 6379).
import { fileURLToPath } from 'node:url'
import { startRedisServer } from '../../server/testing/redis-server'
import { startChildServer } from './child-server'
import type { ServerSettings, RunningServer } from './types'

const MAIN = fileURLToPath(new URL('../../server/main.ts', import.meta.url))

/** The load generator signs its tokens with this; no token of the bench is valid elsewhere. */
export const BENCH_JWT_SECRET = 'parley-bench-secret-not-for-production'

export async function startParley(
  store: 'memory' | 'redis',
  s: ServerSettings,
): Promise<RunningServer> {
  const redis = store === 'redis' ? await startRedisServer() : undefined
  try {
    const server = await startChildServer({
      inspect: s.inspect,
      script: MAIN,
      nodeArgs: s.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', s.cpuProfDir] : [],
      env: {
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        JWT_SECRET: BENCH_JWT_SECRET,
        LOG_LEVEL: 'warn',
        HEARTBEAT_INTERVAL_MS: String(s.heartbeatMs),
        // The scenarios' senders exceed the default 10/s on purpose; the limiter still runs.
        RATE_LIMIT_PER_SEC: String(s.maxSendsPerConnPerSec),
        RATE_LIMIT_BURST: String(s.maxSendsPerConnPerSec),
        ...(redis ? { REDIS_URL: redis.url } : {}),
      },
    })
    return {
      name: `parley-${store}`,
      protocol: 'parley',
      port: server.port,
      inspectPort: server.inspectPort,
      pids: { server: server.pid, redis: redis?.pid },
      jwtSecret: BENCH_JWT_SECRET,
      async stop() {
        await server.stop()
        await redis?.stop()
      },
    }
  } catch (err) {
    await redis?.stop()
    throw err
  }
}
