// The message list's behaviour around the virtualizer: rows anchored to the end, paging when
// either end comes near, marking read what has been on screen, and the distance to the newest.
import { useDocumentVisibility, useThrottleFn, useWindowFocus } from '@vueuse/core'
import { useVirtualizer, type Virtualizer } from '@tanstack/vue-virtual'
import { computed, nextTick, onMounted, ref, watch, type Ref } from 'vue'
import type { RoomView } from '../../shared/bridge'
import type { TimelineRow } from '../lib/timeline-rows'

export interface TimelineViewHooks {
  older(): void
  newer(): void
  seen(seq: number): void
}

/** Rows this close to an end start reading the next page, before the reader gets there. */
const PAGE_AHEAD = 15
const AT_END_PX = 48
/** Marking read is one call per change of what is on screen: at most this often. */
const MARK_READ_MS = 300

function estimate(row: TimelineRow | undefined): number {
  if (!row) return 40
  if (row.kind !== 'message') return row.kind === 'start' ? 64 : row.kind === 'day' ? 44 : 30
  const lines = Math.max(1, Math.ceil(row.message.text.length / 90))
  return (row.grouped ? 4 : 32) + lines * 22
}

/**
 * A row's size from the ResizeObserver's entry, measured by the browser in its own layout pass;
 * without one (a row just inserted) the size known or estimated, so mounting rows never forces
 * a layout per row. The observer reports the real size before the frame is painted.
 */
function observedSize(
  element: Element,
  entry: ResizeObserverEntry | undefined,
  v: Virtualizer<HTMLElement, Element>,
): number {
  const box = entry?.borderBoxSize?.[0]
  if (box) return Math.round(box.blockSize)
  const index = v.indexFromElement(element)
  return v.itemSizeCache.get(v.options.getItemKey(index)) ?? v.options.estimateSize(index)
}

export function useTimelineView(
  scroller: Ref<HTMLElement | null>,
  rows: Ref<TimelineRow[]>,
  room: Ref<RoomView>,
  focusKey: Ref<string | null>,
  hooks: TimelineViewHooks,
) {
  const visibility = useDocumentVisibility()
  const focused = useWindowFocus()
  const virtualizer = useVirtualizer(
    computed(() => ({
      count: rows.value.length,
      getScrollElement: () => scroller.value,
      estimateSize: (i: number) => estimate(rows.value[i]),
      getItemKey: (i: number) => rows.value[i]?.key ?? i,
      measureElement: observedSize,
      overscan: 8,
      anchorTo: 'end' as const,
      followOnAppend: true,
      scrollEndThreshold: AT_END_PX,
    })),
  )

  const items = computed(() => virtualizer.value.getVirtualItems())
  const totalSize = computed(() => virtualizer.value.getTotalSize())

  /** The last row wholly on screen, and the newest seq it or the rows above it show. */
  const onScreen = computed(() => {
    const v = virtualizer.value
    const bottom = (v.scrollOffset ?? 0) + (v.scrollRect?.height ?? 0)
    let seq: number | null = null
    for (const item of items.value) {
      const row = rows.value[item.index]
      if (item.end > bottom + 1) break
      if (row?.kind === 'message' && row.message.seq !== null) seq = row.message.seq
    }
    return { seq, atEnd: v.getDistanceFromEnd() <= AT_END_PX }
  })

  /** Unread messages below the screen: what the jump-to-latest button counts. */
  const newBelow = computed(() => {
    const seq = onScreen.value.seq
    if (seq === null) return 0
    return Math.max(0, room.value.latestSeq - Math.max(seq, room.value.lastReadSeq))
  })

  // Paging waits for the first positioning: a page prepended while the list is still moving
  // to its end would shift the row it is moving to.
  const positioned = ref(false)

  function pageIfNear(): void {
    if (!positioned.value) return
    const list = items.value
    const first = list[0]
    const last = list[list.length - 1]
    if (first && first.index <= PAGE_AHEAD) hooks.older()
    if (last && last.index >= rows.value.length - 1 - PAGE_AHEAD) hooks.newer()
  }

  watch(items, pageIfNear)

  const seen = useThrottleFn((seq: number) => hooks.seen(seq), MARK_READ_MS, true)
  watch(
    () => [onScreen.value.seq, visibility.value, focused.value] as const,
    ([seq, visible, hasFocus]) => {
      if (seq !== null && visible === 'visible' && hasFocus) void seen(seq)
    },
  )

  function scrollToEnd(): void {
    virtualizer.value.scrollToEnd()
  }

  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve))

  onMounted(async () => {
    await nextTick()
    const at = focusKey.value ? rows.value.findIndex((r) => r.key === focusKey.value) : -1
    if (at >= 0) virtualizer.value.scrollToIndex(at, { align: 'center' })
    else scrollToEnd()
    await nextFrame()
    await nextFrame()
    positioned.value = true
    pageIfNear()
  })

  return { virtualizer, items, totalSize, onScreen, newBelow, scrollToEnd }
}
