/**
 * The result cache every store must hold (src/lib/result-cache/types.ts), run against SQLite (sqlite.test.ts),
 * PostgreSQL (postgres.test.ts) and the in-memory store, so they cannot drift apart.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ResultCacheStore } from '../../src/lib/result-cache/types.js';

export type OpenResultCache = () => Promise<{ cache: ResultCacheStore; cleanup: () => Promise<void> }>;

export function defineResultCacheContract(label: string, open: OpenResultCache): void {
  void test(label + ': result cache: facts by kind and key, batch get, upsert, duplicate keys in one batch', async () => {
    const { cache, cleanup } = await open();
    try {
      assert.deepEqual(await cache.getFacts('licenses:v1', []), new Map());
      await cache.putFacts('licenses:v1', [
        ['blob-a', '{"x":1}'],
        ['blob-b', 'null'],
        ['blob-a', '{"x":2}'],
      ]);
      await cache.putFacts('languages:v1', [['blob-a', '"Go"']]);
      const found = await cache.getFacts('licenses:v1', ['blob-a', 'blob-b', 'blob-c']);
      assert.deepEqual([...found].sort(), [
        ['blob-a', '{"x":2}'],
        ['blob-b', 'null'],
      ]);
      // Another kind (another analysis or version) never answers for this one.
      assert.deepEqual(await cache.getFacts('licenses:v2', ['blob-a']), new Map());
      await cache.putFacts('licenses:v1', [['blob-b', '{"y":3}']]);
      assert.equal((await cache.getFacts('licenses:v1', ['blob-b'])).get('blob-b'), '{"y":3}');
      // A batch as large as the analyses send.
      const many = Array.from({ length: 500 }, (_, i) => [`k${i}`, String(i)] as const);
      await cache.putFacts('cloc:v1', many);
      assert.equal((await cache.getFacts('cloc:v1', many.map(([key]) => key))).size, 500);
    } finally {
      await cleanup();
    }
  });

  void test(label + ': result cache: command results with their task, replaced by a fresh run', async () => {
    const { cache, cleanup } = await open();
    try {
      assert.equal(await cache.getResult('key-1'), null);
      const before = Date.now();
      await cache.putResult({ key: 'key-1', command: 'scancode', version: 3, taskId: 'task-a', value: '{"files":[]}' });
      const stored = await cache.getResult('key-1');
      assert.equal(stored?.taskId, 'task-a');
      assert.equal(stored?.value, '{"files":[]}');
      assert.ok((stored?.createdAtMs ?? 0) >= before - 1000);
      await cache.putResult({ key: 'key-1', command: 'scancode', version: 3, taskId: 'task-b', value: '{"files":[1]}' });
      assert.equal((await cache.getResult('key-1'))?.taskId, 'task-b');
    } finally {
      await cleanup();
    }
  });

  void test(label + ': result cache: counters add up, stats by kind and command', async () => {
    const { cache, cleanup } = await open();
    try {
      await cache.addCounts([{ kind: 'fact:licenses:v1', hits: 3, misses: 2, writes: 2 }]);
      await cache.addCounts([
        { kind: 'fact:licenses:v1', hits: 5, misses: 0, writes: 0 },
        { kind: 'result:scancode', hits: 1, misses: 1, writes: 1 },
      ]);
      await cache.putFacts('licenses:v1', [
        ['a', '1'],
        ['b', '22'],
      ]);
      await cache.putResult({ key: 'r', command: 'code-count', version: 1, taskId: 't', value: '{"code_count":1}' });
      const stats = await cache.stats();
      assert.deepEqual(stats.counters, [
        { kind: 'fact:licenses:v1', hits: 8, misses: 2, writes: 2 },
        { kind: 'result:scancode', hits: 1, misses: 1, writes: 1 },
      ]);
      assert.equal(stats.facts['licenses:v1']?.entries, 2);
      assert.ok((stats.facts['licenses:v1']?.bytes ?? 0) >= 3);
      assert.equal(stats.results['code-count']?.entries, 1);
    } finally {
      await cleanup();
    }
  });

  void test(label + ': result cache: prune evicts least recently used entries beyond the limit, or everything', async () => {
    const { cache, cleanup } = await open();
    try {
      const value = 'x'.repeat(1000);
      await cache.putFacts('old', [['a', value]]);
      await sleep(15);
      await cache.putResult({ key: 'older-result', command: 'scancode', version: 3, taskId: 't1', value });
      await sleep(15);
      await cache.putFacts('new', [['c', value]]);
      await sleep(15);
      await cache.putResult({ key: 'newest-result', command: 'scancode', version: 3, taskId: 't2', value });
      assert.deepEqual(await cache.prune({ maxBytes: 1_000_000 }), { removedEntries: 0, removedBytes: 0, remainingBytes: (await cache.prune({ maxBytes: 1_000_000 })).remainingBytes });
      const outcome = await cache.prune({ maxBytes: 2500 });
      assert.equal(outcome.removedEntries, 2);
      assert.ok(outcome.remainingBytes <= 2500, `remaining ${outcome.remainingBytes}`);
      assert.deepEqual(await cache.getFacts('old', ['a']), new Map());
      assert.equal(await cache.getResult('older-result'), null);
      assert.equal((await cache.getFacts('new', ['c'])).size, 1);
      assert.equal((await cache.getResult('newest-result'))?.taskId, 't2');
      const all = await cache.prune({ all: true });
      assert.equal(all.removedEntries, 2);
      assert.equal(all.remainingBytes, 0);
      assert.equal(await cache.getResult('newest-result'), null);
    } finally {
      await cleanup();
    }
  });
}
