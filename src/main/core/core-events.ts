// The events the core pushes to the bridge, one source per ParleyApi onXxx method.
import type { CoreEventName, EventPayload } from '../../shared/bridge'
import { Listeners } from './listeners'

export type CoreEvents = { [E in CoreEventName]: Listeners<EventPayload<E>> }

export function createCoreEvents(): CoreEvents {
  return {
    onConnectionState: new Listeners(),
    onMessages: new Listeners(),
    onRooms: new Listeners(),
    onUnreadTotal: new Listeners(),
    onNotify: new Listeners(),
    onPresenceNotice: new Listeners(),
    onProblem: new Listeners(),
  }
}
