// Starts any of the servers under test by name, each on a loopback port it bound itself.
import { fileURLToPath } from 'node:url'
import { startChildServer } from './child-server'
import { startParley } from './parley'
import type { RunningServer, ServerName, ServerSettings } from './types'

const script = (file: string) => fileURLToPath(new URL(file, import.meta.url))

export async function startServer(name: ServerName, s: ServerSettings): Promise<RunningServer> {
  if (name === 'parley-memory') return startParley('memory', s)
  if (name === 'parley-redis') return startParley('redis', s)
  const protocol = name
  const server = await startChildServer({
    inspect: s.inspect,
    script: script(name === 'bare-ws' ? './bare-ws.ts' : './socketio.ts'),
    env: { NODE_ENV: 'production', HEARTBEAT_INTERVAL_MS: String(s.heartbeatMs) },
  })
  return {
    name,
    protocol,
    port: server.port,
    inspectPort: server.inspectPort,
    pids: { server: server.pid },
    stop: () => server.stop(),
  }
}
