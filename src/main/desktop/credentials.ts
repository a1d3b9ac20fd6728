// The signed-in account remembered across restarts: server URL and token in one file of the
// data directory, the token encrypted by the OS keyring (Electron safeStorage) where there is
// one, and otherwise stored as it is with a warning. The token never leaves main again.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'

export const CREDENTIALS_FILE = 'account.json'

/** Electron's safeStorage, reached through the glue; absent or unavailable: plain text. */
export interface TokenCipher {
  /** False where the OS offers no keyring (Linux without a secret service: basic_text). */
  available(): boolean
  encrypt(text: string): Buffer
  decrypt(data: Buffer): string
}

export interface Credentials {
  serverUrl: string
  token: string
}

const fileSchema = z.object({
  serverUrl: z.string(),
  token: z.union([z.object({ encrypted: z.string() }), z.object({ plain: z.string() })]),
})

export interface CredentialStore {
  save(credentials: Credentials): void
  load(): Credentials | null
  clear(): void
}

export function createCredentialStore(o: {
  dataDir: string
  cipher?: TokenCipher
  warn: (message: string) => void
}): CredentialStore {
  const file = join(o.dataDir, CREDENTIALS_FILE)
  let warnedPlain = false

  return {
    save({ serverUrl, token }) {
      let stored: z.infer<typeof fileSchema>['token']
      if (o.cipher?.available()) {
        stored = { encrypted: o.cipher.encrypt(token).toString('base64') }
      } else {
        if (!warnedPlain) {
          o.warn(`no OS keyring: the sign-in token is stored unencrypted in ${file}`)
          warnedPlain = true
        }
        stored = { plain: token }
      }
      writeFileSync(`${file}.tmp`, JSON.stringify({ serverUrl, token: stored }), { mode: 0o600 })
      renameSync(`${file}.tmp`, file)
    },
    load() {
      if (!existsSync(file)) return null
      try {
        const saved = fileSchema.parse(JSON.parse(readFileSync(file, 'utf8')))
        if ('plain' in saved.token) return { serverUrl: saved.serverUrl, token: saved.token.plain }
        if (!o.cipher?.available()) {
          o.warn(
            'the saved sign-in is encrypted but the OS keyring is not available: sign in again',
          )
          return null
        }
        const token = o.cipher.decrypt(Buffer.from(saved.token.encrypted, 'base64'))
        return { serverUrl: saved.serverUrl, token }
      } catch (err) {
        // Never the file's content in the message: it holds the token.
        o.warn(`the saved sign-in could not be read (${(err as Error).name}): sign in again`)
        return null
      }
    },
    clear() {
      rmSync(file, { force: true })
    },
  }
}
