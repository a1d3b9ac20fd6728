// When the OS keyring counts as encryption.
import { describe, expect, it } from 'vitest'
import { safeStorageCipher, type SafeStorageLike } from './safe-storage'

const storage = (available: boolean, backend: string): SafeStorageLike => ({
  isEncryptionAvailable: () => available,
  getSelectedStorageBackend: () => backend,
  encryptString: (t) => Buffer.from(t),
  decryptString: (b) => b.toString(),
})

describe('safeStorage cipher', () => {
  it('is available with a real keyring, not with Linux basic_text or none', () => {
    expect(safeStorageCipher(storage(true, 'gnome_libsecret'), 'linux').available()).toBe(true)
    expect(safeStorageCipher(storage(true, 'basic_text'), 'linux').available()).toBe(false)
    expect(safeStorageCipher(storage(false, 'unknown'), 'win32').available()).toBe(false)
    expect(safeStorageCipher(storage(true, 'unknown'), 'darwin').available()).toBe(true)
  })
})
