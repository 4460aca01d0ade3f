/**
 * Cooperative yielding for long synchronous loops. Agents share the event loop with the API in `openchecker
 * up`, so a loop over hundreds of thousands of files must hand the loop back now and then, or /healthz and
 * every other request wait for it. Yielding by elapsed time (not by item count) keeps the pause short whatever
 * one item costs, and costs nothing measurable when the loop is short.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';

/** The longest a loop should hold the event loop, in ms (the budget is ~50 ms; this leaves room). */
export const DEFAULT_SLICE_MS = 20;

export interface Yielder {
  /** True once the current slice is used up: the caller should `await yielder.yield()`. */
  due(): boolean;
  /** Hands the event loop back for one turn and starts a new slice. */
  yield(): Promise<void>;
  /** `yield()` when due; otherwise resolves at once. */
  maybe(): Promise<void> | undefined;
}

/**
 * A yielder for one loop: `const slice = yieldEvery(); for (...) { ...; await slice.maybe(); }`. `maybe()`
 * returns undefined when no yield is due, so `await` on it costs one microtask and no timer.
 */
export function yieldEvery(ms = DEFAULT_SLICE_MS): Yielder {
  let sliceStart = performance.now();
  const yielder: Yielder = {
    due: () => performance.now() - sliceStart >= ms,
    async yield() {
      await nextTurn();
      sliceStart = performance.now();
    },
    maybe: () => (yielder.due() ? yielder.yield() : undefined),
  };
  return yielder;
}

/** Items sorted in runs of this many at once: a native sort of 4k short strings takes a few ms. */
const SORT_RUN = 4096;

/**
 * A stable sort that gives the event loop back between time slices: runs of SORT_RUN items are sorted natively
 * (stable), then merged pairwise, looking at the clock every 1024 items. The order is exactly
 * `items.sort(compare)`'s (both stable); sorting 250k paths natively held the loop for seconds.
 */
export async function sortYielding<T>(items: T[], compare: (a: T, b: T) => number, slice: Yielder = yieldEvery()): Promise<T[]> {
  if (items.length <= SORT_RUN) return items.sort(compare);
  let runs: T[][] = [];
  for (let start = 0; start < items.length; start += SORT_RUN) {
    runs.push(items.slice(start, start + SORT_RUN).sort(compare));
    if (slice.due()) await slice.yield();
  }
  while (runs.length > 1) {
    const merged: T[][] = [];
    for (let i = 0; i < runs.length; i += 2) {
      const left = runs[i] as T[];
      const right = runs[i + 1];
      merged.push(right ? await merge(left, right, compare, slice) : left);
    }
    runs = merged;
  }
  const sorted = runs[0] as T[];
  for (let i = 0; i < sorted.length; i++) items[i] = sorted[i] as T;
  return items;
}

async function merge<T>(left: T[], right: T[], compare: (a: T, b: T) => number, slice: Yielder): Promise<T[]> {
  const out = new Array<T>(left.length + right.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < left.length && j < right.length) {
    // Ties take the left item: the merge stays stable.
    out[k++] = compare(right[j] as T, left[i] as T) < 0 ? (right[j++] as T) : (left[i++] as T);
    if ((k & 1023) === 0 && slice.due()) await slice.yield();
  }
  while (i < left.length) out[k++] = left[i++] as T;
  while (j < right.length) out[k++] = right[j++] as T;
  return out;
}
