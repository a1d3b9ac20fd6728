// Structured logs (pino); anything that could carry a token is redacted before it is written.
import { pino, type Logger } from 'pino'

export type { Logger }

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'parley-server' },
    redact: {
      paths: [
        'token',
        '*.token',
        'authorization',
        '*.authorization',
        'headers.authorization',
        'req.headers.authorization',
        'url',
        '*.url',
      ],
      censor: '[redacted]',
    },
  })
}
