// A minimal typed event source: add() returns the unsubscribe function the bridge's onXxx
// methods hand out.
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
    for (const listener of [...this.listeners]) listener(value)
  }

  clear(): void {
    this.listeners.clear()
  }
}
