// Bulk writes in slices. Redis runs one command at a time, and a script over every connection of
// an instance (a presence refresh, a batch of read cursors) held it for 12–17 ms with 2,000
// entries: each user's message sent meanwhile waited that long (docs/benchmarks.md). In slices
// sent one after another, anything issued between two slices runs before the next one.

/** Entries per script call: about half a millisecond of Redis time for our bulk scripts. */
export const BULK_SLICE = 64

/** Runs `write` on consecutive slices of `items`, each after the previous one answered. */
export async function inSlices<T, R>(
  items: readonly T[],
  write: (slice: T[]) => Promise<R>,
  size = BULK_SLICE,
): Promise<R[]> {
  const results: R[] = []
  for (let start = 0; start < items.length; start += size) {
    results.push(await write(items.slice(start, start + size)))
  }
  return results
}
