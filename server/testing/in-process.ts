// An in-process Parley server on a free loopback port, configured for tests.
import { loadConfig, type ServerConfig } from '../config'
import { createServer, type ParleyServer, type ServerOptions } from '../create-server'
import { createLogger } from '../logger'
import { TEST_SECRET } from './tokens'

export function testConfig(env: Record<string, string> = {}): ServerConfig {
  return loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    JWT_SECRET: TEST_SECRET,
    LOG_LEVEL: 'silent',
    ...env,
  })
}

export function startTestServer(
  env: Record<string, string> = {},
  options: Pick<ServerOptions, 'wrapStore'> = {},
): Promise<ParleyServer> {
  const config = testConfig(env)
  return createServer(config, {
    logger: createLogger(config.logLevel),
    processMetrics: false,
    ...options,
  })
}
