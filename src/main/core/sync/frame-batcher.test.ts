// Frame batching: one batch per turn of the event loop, capped, flushed on demand.
import { describe, expect, it } from 'vitest'
import type { ServerFrame } from '../../../shared/protocol'
import { FrameBatcher, MAX_BATCH } from './frame-batcher'

const synced = (seq: number): ServerFrame => ({ event: 'synced', roomId: 'r', seq })

describe('FrameBatcher', () => {
  it('hands frames that arrive in one turn of the event loop over as one batch', async () => {
    const batches: number[][] = []
    const b = new FrameBatcher((frames) =>
      batches.push(frames.map((f) => (f.event === 'synced' ? f.seq : -1))),
    )
    b.push(synced(1))
    b.push(synced(2))
    await new Promise((r) => setImmediate(r))
    b.push(synced(3))
    await new Promise((r) => setImmediate(r))
    expect(batches).toEqual([[1, 2], [3]])
  })

  it('flushes at once when the batch is full, and on demand', () => {
    const sizes: number[] = []
    const b = new FrameBatcher((frames) => sizes.push(frames.length))
    for (let i = 0; i < MAX_BATCH + 1; i++) b.push(synced(i))
    expect(sizes).toEqual([MAX_BATCH])
    b.flush()
    expect(sizes).toEqual([MAX_BATCH, 1])
    b.push(synced(0))
    b.clear()
    b.flush()
    expect(sizes).toEqual([MAX_BATCH, 1])
  })
})
