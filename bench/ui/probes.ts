// What the UI benchmark runs inside the page. Each function is serialised by page.evaluate:
// it must not refer to anything outside itself. This file is typed without the DOM library, so
// each probe names the few page APIs it uses.

interface PageElement {
  scrollTop: number
  textContent: string | null
  getAttribute(name: string): string | null
  querySelector(selector: string): PageElement | null
  querySelectorAll(selector: string): ArrayLike<PageElement>
  click(): void
}

interface Page {
  document: PageElement & { body: PageElement }
  requestAnimationFrame(callback: () => void): number
  MutationObserver: new (callback: () => void) => {
    observe(target: PageElement, options: { subtree: boolean; childList: boolean }): void
    disconnect(): void
  }
  MessageChannel: new () => {
    port1: { onmessage: (() => void) | null }
    port2: { postMessage(value: unknown): void }
  }
}

/**
 * Resolves (with performance.now()) once a row for `seq` is in the DOM and the frame showing
 * it has been painted: the next animation frame, then a task after it.
 */
export function whenPainted(seq: number): Promise<number> {
  const w = globalThis as unknown as Page
  return new Promise((resolve) => {
    const painted = () =>
      w.requestAnimationFrame(() => {
        const channel = new w.MessageChannel()
        channel.port1.onmessage = () => resolve(performance.timeOrigin + performance.now())
        channel.port2.postMessage(null)
      })
    if (w.document.querySelector(`article[data-seq="${seq}"]`)) return painted()
    const observer = new w.MutationObserver(() => {
      if (!w.document.querySelector(`article[data-seq="${seq}"]`)) return
      observer.disconnect()
      painted()
    })
    observer.observe(w.document.body, { subtree: true, childList: true })
  })
}

/** Clicks the room in the sidebar; resolves with ms from the click to its newest row painted. */
export async function switchRoom(args: { roomId: string; newestSeq: number }): Promise<number> {
  const w = globalThis as unknown as Page & { __whenPainted: (seq: number) => Promise<number> }
  const buttons = Array.from(w.document.querySelectorAll('nav button[data-room]'))
  const button = buttons.find(
    (b) => (b.getAttribute('aria-label') ?? '').split(',')[0] === args.roomId,
  )
  if (!button) throw new Error(`no room ${args.roomId} in the sidebar`)
  const painted = w.__whenPainted(args.newestSeq)
  const start = performance.timeOrigin + performance.now()
  button.click()
  return (await painted) - start
}

export interface ScrollResult {
  frames: number[]
  maxRows: number
  oldestSeq: number
}

/**
 * Scrolls the message list up `step` px per frame until a row `messages` seqs below the newest
 * on screen is shown; records each frame that moved the list and the most message rows ever
 * in the DOM.
 */
export function scrollBack(args: { messages: number; step: number; timeoutMs: number }) {
  const w = globalThis as unknown as Page
  const list = w.document.querySelector('[role=list][aria-label^="Messages in"]')
  if (!list) throw new Error('no message list')
  const seqs = () =>
    Array.from(list.querySelectorAll('article[data-seq]')).map((a) =>
      Number(a.getAttribute('data-seq')),
    )
  const target = Math.max(...seqs()) - args.messages
  const frames: number[] = []
  let maxRows = 0
  let last = performance.now()
  let moved = false
  const deadline = last + args.timeoutMs
  return new Promise<ScrollResult>((resolve) => {
    const frame = () => {
      const now = performance.now()
      if (moved) frames.push(now - last)
      last = now
      const shown = seqs()
      maxRows = Math.max(maxRows, shown.length)
      const oldest = Math.min(...shown)
      if (oldest <= target || now > deadline) return resolve({ frames, maxRows, oldestSeq: oldest })
      const before = list.scrollTop
      list.scrollTop = before - args.step
      moved = list.scrollTop !== before
      w.requestAnimationFrame(frame)
    }
    w.requestAnimationFrame(frame)
  })
}

/** How many rooms the sidebar lists. */
export function sidebarRooms(count: number): boolean {
  const w = globalThis as unknown as Page
  return w.document.querySelectorAll('nav button[data-room]').length === count
}

/** Whether the room on screen is `roomId`. */
export function roomShown(roomId: string): boolean {
  const w = globalThis as unknown as Page
  return w.document.querySelector('h1')?.textContent === roomId
}
