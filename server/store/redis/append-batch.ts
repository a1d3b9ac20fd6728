// Appends gathered per event-loop turn. The messages read from every socket in one poll of the
// event loop go to Redis as one script call instead of one each: ioredis builds one command and
// parses one reply, and Redis pays its per-call script overhead once (docs/benchmarks.md).
// Order is kept: entries run in the order they were appended, as separate calls on one
// connection ran before.
import { BULK_SLICE } from './bulk'

interface Waiting<I, R> {
  input: I
  resolve(result: R): void
  reject(error: unknown): void
}

/**
 * Returns `append(input)`: the inputs of one turn are handed to `write` together, at most
 * BULK_SLICE per call; `write` answers one result per input, in order. When a call fails, every
 * append of it rejects with that error.
 */
export function appendBatcher<I, R>(write: (inputs: I[]) => Promise<R[]>) {
  let waiting: Waiting<I, R>[] = []

  const send = async (batch: Waiting<I, R>[]) => {
    try {
      const results = await write(batch.map((w) => w.input))
      batch.forEach((w, i) => w.resolve(results[i]!))
    } catch (error) {
      for (const w of batch) w.reject(error)
    }
  }

  const flush = () => {
    const all = waiting
    waiting = []
    for (let start = 0; start < all.length; start += BULK_SLICE) {
      void send(all.slice(start, start + BULK_SLICE))
    }
  }

  return (input: I): Promise<R> =>
    new Promise<R>((resolve, reject) => {
      // setImmediate runs once the poll phase has handed every socket's frames to its session.
      if (waiting.length === 0) setImmediate(flush)
      waiting.push({ input, resolve, reject })
    })
}
