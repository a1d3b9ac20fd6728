// The desktop core's public surface for the Electron glue: the facade and the types it needs.
export { createParleyCore, type ParleyCore, type ParleyCoreOptions } from './core'
export type { NetworkSignals } from './connection/connection'
export { ParleyCoreError } from './errors'
export { normalizeServerUrl } from './account'
export { Listeners } from './listeners'
