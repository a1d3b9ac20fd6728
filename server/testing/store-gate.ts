// Test fixture: a real store whose chosen calls a test holds until it lets them go, so an
// interleaving of two frames (an enter racing an append, say) happens the same way every run.
import type { ChatStore } from '../store/types'
import { StoreUnavailableError } from '../store/types'

type Method = {
  [K in keyof ChatStore]: ChatStore[K] extends (...args: never[]) => unknown ? K : never
}[keyof ChatStore]

export interface HeldCall {
  /** Resolves when a matching call got to the gate; gives its arguments. */
  readonly reached: Promise<unknown[]>
  /** Lets the call go on (or its answer out, for a call held after the store answered). */
  release(): void
}

interface Hold {
  method: Method
  match: (args: unknown[]) => boolean
  /** 'before': the call waits before it reaches the store; 'after': its answer waits. */
  at: 'before' | 'after' | 'fail'
  reached: (args: unknown[]) => void
  released: Promise<void>
}

export class StoreGate {
  private holds: Hold[] = []

  /** The next call of `method` whose arguments match waits at the gate until released. */
  hold(
    method: Method,
    match: (args: unknown[]) => boolean = () => true,
    at: 'before' | 'after' = 'before',
  ): HeldCall {
    let release!: () => void
    const released = new Promise<void>((resolve) => (release = resolve))
    let reached!: (args: unknown[]) => void
    const reachedP = new Promise<unknown[]>((resolve) => (reached = resolve))
    this.holds.push({ method, match, at, reached, released })
    return { reached: reachedP, release }
  }

  /** The next call of `method` whose arguments match fails as if storage were down. */
  fail(method: Method, match: (args: unknown[]) => boolean = () => true): Promise<unknown[]> {
    let reached!: (args: unknown[]) => void
    const reachedP = new Promise<unknown[]>((resolve) => (reached = resolve))
    this.holds.push({ method, match, at: 'fail', reached, released: Promise.resolve() })
    return reachedP
  }

  /** Wraps a store: every call passes the gate. */
  wrap(inner: ChatStore): ChatStore {
    return new Proxy(inner, {
      get: (target, key, receiver) => {
        const value: unknown = Reflect.get(target, key, receiver)
        if (typeof value !== 'function') return value
        const fn = value as (...a: unknown[]) => Promise<unknown>
        return (...args: unknown[]) => this.call(target, key as Method, fn, args)
      },
    })
  }

  private async call(
    target: ChatStore,
    method: Method,
    fn: (...args: unknown[]) => Promise<unknown>,
    args: unknown[],
  ): Promise<unknown> {
    const i = this.holds.findIndex((h) => h.method === method && h.match(args))
    if (i < 0) return fn.apply(target, args)
    const [hold] = this.holds.splice(i, 1)
    hold!.reached(args)
    if (hold!.at === 'fail') throw new StoreUnavailableError(new Error('failed by the test'))
    if (hold!.at === 'before') await hold!.released
    const result = await fn.apply(target, args)
    if (hold!.at === 'after') await hold!.released
    return result
  }
}
