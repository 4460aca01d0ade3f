import { test } from 'node:test';
import assert from 'node:assert/strict';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sortYielding, yieldEvery } from './yield.js';

test('sortYielding gives exactly the native stable sort', async () => {
  const items = Array.from({ length: 20_000 }, (_, i) => ({ key: (i * 7919) % 1000, i }));
  const compare = (a: { key: number }, b: { key: number }): number => a.key - b.key;
  const expected = [...items].sort(compare);
  assert.deepEqual(await sortYielding([...items], compare), expected);
  assert.deepEqual(await sortYielding([3, 1, 2], (a, b) => a - b), [1, 2, 3]);
  assert.deepEqual(await sortYielding([], (a: number, b: number) => a - b), []);
});

test('a loop that yields by time keeps the event loop responsive', async () => {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const slice = yieldEvery(20);
  const until = performance.now() + 500;
  while (performance.now() < until) await slice.maybe();
  const paths = Array.from({ length: 200_000 }, (_, i) => `d${i % 97}/f${(i * 31) % 200_000}`);
  await sortYielding(paths, (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  histogram.disable();
  // 20 ms slices; the shared test machine adds its own noise.
  assert.ok(histogram.max / 1e6 < 150, `event loop held for ${histogram.max / 1e6} ms`);
});
