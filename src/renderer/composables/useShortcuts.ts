// App-wide keys: Alt+Up/Down move between rooms, Ctrl/Cmd+K opens the quick switcher,
// Ctrl/Cmd+F searches the room on screen (Ctrl/Cmd+Shift+F every room).
import { useEventListener } from '@vueuse/core'

export interface ShortcutActions {
  step(delta: 1 | -1): void
  switcher(): void
  search(inRoom: boolean): void
}

export function useShortcuts(actions: ShortcutActions): void {
  useEventListener(window, 'keydown', (event: KeyboardEvent) => {
    if (event.isComposing) return
    const mod = event.ctrlKey || event.metaKey
    if (event.altKey && !mod && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault()
      actions.step(event.key === 'ArrowUp' ? -1 : 1)
    } else if (mod && !event.altKey && event.key.toLowerCase() === 'k') {
      event.preventDefault()
      actions.switcher()
    } else if (mod && !event.altKey && event.key.toLowerCase() === 'f') {
      event.preventDefault()
      actions.search(!event.shiftKey)
    }
  })
}
