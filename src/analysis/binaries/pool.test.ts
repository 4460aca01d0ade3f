import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as tick } from 'node:timers/promises';
import { mapLimit } from './pool.js';

void test('mapLimit keeps input order and never runs more than the limit at once', async () => {
  let running = 0;
  let peak = 0;
  const items = Array.from({ length: 50 }, (_, i) => i);
  const results = await mapLimit(items, 4, new AbortController().signal, async (item) => {
    running++;
    peak = Math.max(peak, running);
    // Later items finish sooner, so completion order differs from input order.
    for (let i = 0; i < 50 - item; i++) await tick();
    running--;
    return item * 2;
  });
  assert.deepEqual(results, items.map((item) => item * 2));
  assert.equal(peak, 4);
});

void test('mapLimit handles an empty list', async () => {
  assert.deepEqual(await mapLimit([], 8, new AbortController().signal, async () => 1), []);
});

void test('mapLimit stops starting work once the signal is aborted', async () => {
  const controller = new AbortController();
  let started = 0;
  const run = mapLimit(Array.from({ length: 100 }, (_, i) => i), 2, controller.signal, async () => {
    started++;
    if (started === 3) controller.abort(new Error('stopped'));
    await tick();
  });
  await assert.rejects(run, /stopped/);
  assert.ok(started < 10, `started ${started}`);
});

void test('mapLimit passes a failure of one call through', async () => {
  await assert.rejects(
    mapLimit([1, 2, 3], 2, new AbortController().signal, async (item) => {
      if (item === 2) throw new Error('boom');
      return item;
    }),
    /boom/,
  );
});
