// A TokenCipher with a real AES-GCM key held in memory: stands in for Electron's safeStorage,
// which needs the binary and the OS keyring.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import type { TokenCipher } from '../desktop/credentials'

export function testCipher(available = true): TokenCipher {
  const key = randomBytes(32)
  return {
    available: () => available,
    encrypt(text) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), body])
    },
    decrypt(data) {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12))
      decipher.setAuthTag(data.subarray(12, 28))
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8')
    },
  }
}
