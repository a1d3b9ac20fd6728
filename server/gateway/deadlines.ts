// Many deadlines, one timer: a min-heap by time, the timer armed for the earliest. A connection's
// token expiry or auth timeout is a heap entry, not a Timeout and a closure of its own
// (docs/benchmarks.md: what an idle connection keeps).

// setTimeout holds at most 2^31-1 ms; a later deadline is re-armed on the way.
const MAX_TIMER_MS = 2_147_483_647

/** A pending deadline, to cancel it; `index` is its place in the heap, -1 once done. */
export interface Deadline {
  readonly at: number
  index: number
}

interface Entry<T> extends Deadline {
  readonly item: T
}

export class Deadlines<T> {
  private readonly heap: Entry<T>[] = []
  private timer: NodeJS.Timeout | undefined
  /** When the armed timer fires; Infinity when none is armed. */
  private timerAt = Infinity

  /** `due` is called once for each deadline that passed and was not cancelled. */
  constructor(private readonly due: (item: T) => void) {}

  /** Calls `due(item)` once `at` (epoch milliseconds) has passed, unless cancelled first. */
  add(at: number, item: T): Deadline {
    const entry: Entry<T> = { at, item, index: this.heap.length }
    this.heap.push(entry)
    this.siftUp(entry.index)
    this.arm()
    return entry
  }

  /** Idempotent: a deadline that passed or was cancelled already is left alone. */
  cancel(deadline: Deadline | undefined): void {
    if (!deadline || deadline.index < 0) return
    this.removeAt(deadline.index)
    // An earlier timer than needed stays armed: it finds nothing due and re-arms.
    if (this.heap.length === 0) this.disarm()
  }

  /** The timer's callback: every deadline passed by now is due, the earliest first. */
  fire(): void {
    this.timer = undefined
    this.timerAt = Infinity
    try {
      const now = Date.now()
      while (this.heap.length > 0 && this.heap[0]!.at <= now) this.due(this.removeAt(0).item)
    } finally {
      // One failing callback must not strand the deadlines after it.
      this.arm()
    }
  }

  private arm(): void {
    const first = this.heap[0]
    if (!first || first.at >= this.timerAt) return
    clearTimeout(this.timer)
    const now = Date.now()
    const wait = Math.min(Math.max(first.at - now, 0), MAX_TIMER_MS)
    this.timerAt = now + wait
    // A deadline matters only while its connection is open, and that socket keeps the process up.
    this.timer = setTimeout(fireDeadlines, wait, this).unref()
  }

  private disarm(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    this.timerAt = Infinity
  }

  private removeAt(i: number): Entry<T> {
    const { heap } = this
    const entry = heap[i]!
    const last = heap.pop()!
    if (last !== entry) {
      heap[i] = last
      last.index = i
      this.siftDown(i)
      this.siftUp(last.index)
    }
    entry.index = -1
    return entry
  }

  private siftUp(i: number): void {
    const { heap } = this
    const entry = heap[i]!
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (heap[parent]!.at <= entry.at) break
      this.place(heap[parent]!, i)
      i = parent
    }
    this.place(entry, i)
  }

  private siftDown(i: number): void {
    const { heap } = this
    const entry = heap[i]!
    for (;;) {
      let child = 2 * i + 1
      if (child >= heap.length) break
      if (child + 1 < heap.length && heap[child + 1]!.at < heap[child]!.at) child++
      if (entry.at <= heap[child]!.at) break
      this.place(heap[child]!, i)
      i = child
    }
    this.place(entry, i)
  }

  private place(entry: Entry<T>, i: number): void {
    this.heap[i] = entry
    entry.index = i
  }
}

function fireDeadlines(deadlines: { fire(): void }): void {
  deadlines.fire()
}
