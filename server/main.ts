// `npm run server`: the server as a process. Bad settings stop it with one line and exit 1;
// SIGTERM/SIGINT drain it (close 1001, finish in-flight stores) and exit 0.
import { ConfigError, loadConfig } from './config'
import { createServer } from './create-server'
import { createLogger } from './logger'

let config
try {
  config = loadConfig()
} catch (err) {
  if (!(err instanceof ConfigError)) throw err
  console.error(`parley: ${err.message}`)
  process.exit(1)
}

const logger = createLogger(config.logLevel)
const server = await createServer(config, { logger }).catch((err: Error) => {
  logger.fatal({ err: err.message }, 'server did not start')
  process.exit(1)
})

// A parent that started this process with an IPC channel (the tests, with PORT=0) learns the
// port this server got: binding port 0 leaves no window for another process to take it.
process.send?.({ event: 'listening', port: server.port })

let stopping = false
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'shutting down')
    server.close().then(
      () => process.exit(0),
      (err: Error) => {
        logger.error({ err: err.message }, 'unclean shutdown')
        process.exit(1)
      },
    )
  })
}
