// The token cipher over Electron's safeStorage. On Linux without a secret service
// (gnome-keyring, KWallet) safeStorage "encrypts" with a fixed key (basic_text): that is no
// protection, so it counts as unavailable and the credential store warns instead.
import type { TokenCipher } from './desktop/credentials'
import type { DesktopInfo } from '../shared/bridge'

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  getSelectedStorageBackend?(): string
  encryptString(text: string): Buffer
  decryptString(data: Buffer): string
}

export function safeStorageCipher(
  safeStorage: SafeStorageLike,
  platform: DesktopInfo['platform'],
): TokenCipher {
  return {
    available() {
      if (!safeStorage.isEncryptionAvailable()) return false
      return !(platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text')
    },
    encrypt: (text) => safeStorage.encryptString(text),
    decrypt: (data) => safeStorage.decryptString(data),
  }
}
