// The errors the desktop service throws, and the one conversion of any failure into the
// ParleyErrorInfo that crosses the bridge (bridge.ts encodeBridgeError).
import type { ParleyErrorCode, ParleyErrorInfo } from '../../shared/bridge'
import { ParleyCoreError } from '../core'

export class DesktopError extends Error {
  readonly code: ParleyErrorCode

  constructor(code: ParleyErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'DesktopError'
    this.code = code
  }
}

/** What the renderer is told about a failed call: our own errors as they are, anything else as internal. */
export function errorInfo(err: unknown): ParleyErrorInfo {
  if (err instanceof ParleyCoreError) return err.toInfo()
  if (err instanceof DesktopError) return { code: err.code, message: err.message }
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) }
}
