// Test fixture: a real store whose every call is delayed by a random few milliseconds, before
// it reaches the store and again before its answer comes back, from a seeded generator. The
// in-process store answers within one turn, so without this no test sees calls overtake each
// other the way Redis round trips do.
import { seededRandom } from '../../src/shared/seeded-random'
import type { ChatStore } from '../store/types'

export interface DelayOptions {
  seed: number
  /** Each of the two delays of a call is uniform in [0, maxMs). */
  maxMs: number
}

export function delayedStore(inner: ChatStore, o: DelayOptions): ChatStore {
  const random = seededRandom(o.seed)
  const pause = () => new Promise((resolve) => setTimeout(resolve, random() * o.maxMs))
  return new Proxy(inner, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver)
      if (typeof value !== 'function' || key === 'close') return value
      return async (...args: unknown[]) => {
        await pause()
        const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(
          target,
          args,
        )
        await pause()
        return result
      }
    },
  })
}
