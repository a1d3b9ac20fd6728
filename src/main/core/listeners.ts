// A minimal typed event source: add() returns the unsubscribe function the bridge's onXxx
// methods hand out. A listener that throws cannot break whoever emits.
import type { Unsubscribe } from '../../shared/bridge'

export class Listeners<T> {
  private readonly listeners = new Set<(value: T) => void>()

  add(listener: (value: T) => void): Unsubscribe {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  emit(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value)
      } catch (err) {
        // Events are emitted mid-transition (a state change before its retry timer is set, a
        // batch before its notifications): a throw here, e.g. from sending to a window that
        // is gone, would leave the connection or sync half-way. The other listeners still run.
        console.error('parley core: an event listener failed', err)
      }
    }
  }

  clear(): void {
    this.listeners.clear()
  }
}
