/** Retention on a fake clock: the purge is given `now`, so days pass without waiting for them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { silentLogger } from '../lib/log.js';
import { SqliteStore, openSqlite } from '../store/sqlite.js';
import { purgeExpired, startRetention } from './retention.js';

const DAY_MS = 24 * 60 * 60 * 1000;

async function storeWithFinished(count: number): Promise<{ store: SqliteStore; ids: string[] }> {
  const store = new SqliteStore(openSqlite(':memory:'));
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const task = await store.createTask({
      taskId: `t-${i}`,
      projectUrl: 'https://github.com/acme/demo',
      commandList: ['readme-checker'],
      taskMetadata: {},
      commitHash: null,
      callbackUrl: null,
      submittedBy: 'alice',
      ownerId: 'user-a',
    });
    await store.startTask(task.taskId, 'agent');
    await store.finishTask(task.taskId, { status: 'succeeded', scanResults: { 'readme-checker': { readme_file: ['README.md'] } }, error: null });
    ids.push(task.taskId);
  }
  return { store, ids };
}

test('results go after results_days and whole tasks after tasks_days, on the clock given', async () => {
  const { store, ids } = await storeWithFinished(3);
  try {
    const finished = Date.now();
    const settings = { resultsDays: 30, tasksDays: 365 };
    const at = (days: number): Date => new Date(finished + days * DAY_MS);

    assert.deepEqual(await purgeExpired(store, settings, at(29)), { results: 0, tasks: 0 }, 'day 29: everything kept');
    assert.ok((await store.getTask(ids[0] as string))?.scanResults);

    assert.deepEqual(await purgeExpired(store, settings, at(31)), { results: 3, tasks: 0 }, 'day 31: results removed');
    const purged = await store.getTask(ids[0] as string);
    assert.equal(purged?.scanResults, null);
    assert.ok(purged?.resultsPurgedAt);
    assert.deepEqual(await purgeExpired(store, settings, at(32)), { results: 0, tasks: 0 }, 'a second run finds nothing more');

    assert.deepEqual(await purgeExpired(store, settings, at(366)), { results: 0, tasks: 3 }, 'day 366: tasks deleted');
    assert.equal((await store.listTasks({ limit: 10 })).tasks.length, 0);
  } finally {
    await store.close();
  }
});

test('0 keeps for ever; the purge works through any number of rows in batches', async () => {
  const { store } = await storeWithFinished(7);
  try {
    const later = new Date(Date.now() + 10_000 * DAY_MS);
    assert.deepEqual(await purgeExpired(store, { resultsDays: 0, tasksDays: 0 }, later), { results: 0, tasks: 0 });
    assert.deepEqual(await purgeExpired(store, { resultsDays: 1, tasksDays: 0 }, later, 2), { results: 7, tasks: 0 }, 'batches of 2 until none is left');
    assert.equal((await store.listTasks({ limit: 10 })).tasks.length, 7, 'tasks_days 0: the tasks stay');
    assert.deepEqual(await purgeExpired(store, { resultsDays: 0, tasksDays: 1 }, later, 3), { results: 0, tasks: 7 });
  } finally {
    await store.close();
  }
});

test('the scheduled job purges on its clock, never runs two purges at once, and stops cleanly', async () => {
  const { store } = await storeWithFinished(2);
  try {
    assert.equal(startRetention(store, { resultsDays: 0, tasksDays: 0 }, silentLogger(), { intervalMs: 1000 }), null, 'nothing to do: no job');

    let fakeNow = new Date(Date.now() + 5 * DAY_MS);
    let calls = 0;
    const counting = {
      purgeResults: async (before: string, limit: number) => {
        calls++;
        return store.purgeResults(before, limit);
      },
      purgeTasks: (before: string, limit: number) => store.purgeTasks(before, limit),
    };
    const job = startRetention(counting, { resultsDays: 10, tasksDays: 0 }, silentLogger(), { intervalMs: 60_000, firstRunMs: 60_000, now: () => fakeNow });
    assert.ok(job);
    const [a, b] = await Promise.all([job.runOnce(), job.runOnce()]);
    assert.equal(a, b, 'a purge already running is shared');
    assert.deepEqual(a, { results: 0, tasks: 0 }, 'day 5: within the period');
    assert.equal(calls, 1);

    fakeNow = new Date(Date.now() + 11 * DAY_MS);
    assert.deepEqual(await job.runOnce(), { results: 2, tasks: 0 }, 'day 11: purged');
    await job.stop();
  } finally {
    await store.close();
  }
});
