// `npm run token -- --sub 42 --name alice [--rooms 1,2] [--exp 1h]`: prints a token signed
// with the key the server is configured with (same environment variables).
import { parseArgs } from 'node:util'
import { createTokenService } from '../auth/tokens'
import { ConfigError, loadConfig } from '../config'

const usage = 'usage: npm run token -- --sub <uid> [--name <name>] [--rooms 1,2] [--exp 1h]'

try {
  const { values } = parseArgs({
    options: {
      sub: { type: 'string' },
      name: { type: 'string' },
      rooms: { type: 'string' },
      exp: { type: 'string', default: '1h' },
    },
  })
  if (!values.sub) throw new ConfigError(usage)
  const tokens = await createTokenService(loadConfig().jwt)
  if (!tokens.sign)
    throw new ConfigError('JWT_PRIVATE_KEY_FILE is needed to sign with a public-key setup')
  const token = await tokens.sign(
    {
      sub: values.sub,
      ...(values.name ? { name: values.name } : {}),
      ...(values.rooms ? { rooms: values.rooms.split(',').map((r) => r.trim()) } : {}),
    },
    values.exp,
  )
  console.log(token)
} catch (err) {
  console.error(`parley token: ${(err as Error).message}`)
  process.exit(1)
}
