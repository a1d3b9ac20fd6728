// What every connection's handlers share: settings, storage, rooms, tokens, metrics, logs.
import type { TokenService } from '../auth/tokens'
import type { ServerConfig } from '../config'
import type { Logger } from '../logger'
import type { Metrics } from '../metrics'
import type { CursorTracker } from '../rooms/cursor-tracker'
import type { RoomHub } from '../rooms/room-hub'
import type { ChatStore } from '../store/types'

export interface GatewayContext {
  config: ServerConfig
  store: ChatStore
  hub: RoomHub
  cursors: CursorTracker
  tokens: TokenService
  metrics: Metrics
  logger: Logger
}
