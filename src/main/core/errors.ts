// The one error type the core throws at its callers: a code the UI can branch on and a
// message fit to show (bridge.ts ParleyErrorCode).
import type { ParleyErrorCode, ParleyErrorInfo } from '../../shared/bridge'

export class ParleyCoreError extends Error {
  readonly code: ParleyErrorCode

  constructor(code: ParleyErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'ParleyCoreError'
    this.code = code
  }

  toInfo(): ParleyErrorInfo {
    return { code: this.code, message: this.message }
  }
}

export function invalidInput(message: string): ParleyCoreError {
  return new ParleyCoreError('invalid-input', message)
}
