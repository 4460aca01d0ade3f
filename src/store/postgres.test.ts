import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { postgresAvailable, startPostgres, type PostgresServer } from '../../test/support/services.js';
import { MIGRATIONS } from './migrations.js';
import { withoutCredentials } from '../tasks/validation.js';
import { openPostgres, type PostgresStore } from './postgres.js';
import { defineStoreContract, newTask } from '../../test/support/store-contract.js';
import { defineResultCacheContract } from '../../test/support/result-cache-contract.js';

const skip = postgresAvailable();
let server: PostgresServer | null = null;
let databases = 0;

before(async () => {
  if (!skip) server = await startPostgres();
});
after(async () => {
  await server?.destroy();
});

async function freshStore(): Promise<{ store: PostgresStore; url: string }> {
  if (!server) throw new Error('no server');
  const url = await server.createDatabase(`contract_${process.pid}_${++databases}`);
  return { store: await openPostgres({ url }), url };
}

if (skip) {
  test('postgres store', (t) => t.skip(skip));
} else {
  defineStoreContract('postgres', async () => {
    const { store } = await freshStore();
    return { store, cleanup: () => store.close() };
  });
  defineResultCacheContract('postgres', async () => {
    const { store } = await freshStore();
    return { cache: store.resultCache, cleanup: () => store.close() };
  });

  test('postgres: concurrent first starts migrate once (advisory lock) and record every version', async () => {
    const { store, url } = await freshStore();
    await store.close();
    const stores = await Promise.all([openPostgres({ url }), openPostgres({ url }), openPostgres({ url })]);
    try {
      const first = stores[0];
      const rows = await first.pool.query<{ version: number }>('select version from schema_migrations order by version');
      assert.deepEqual(rows.rows.map((row) => row.version), MIGRATIONS.map((_, index) => index + 1));
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  test('postgres: two replicas claiming callbacks at once never claim the same task', async () => {
    const { store: a, url } = await freshStore();
    const b = await openPostgres({ url });
    try {
      for (let index = 0; index < 40; index++) {
        const task = await a.createTask(newTask({ callbackUrl: 'http://127.0.0.1:9/cb' }));
        await a.finishTask(task.taskId, { status: 'succeeded', scanResults: {}, error: null });
      }
      const nowMs = Date.now() + 1000;
      const claims = await Promise.all([
        a.claimDueCallbacks('a', nowMs, 60_000, 25),
        b.claimDueCallbacks('b', nowMs, 60_000, 25),
        a.claimDueCallbacks('a2', nowMs, 60_000, 25),
      ]);
      const ids = claims.flat().map((claim) => claim.taskId);
      assert.equal(new Set(ids).size, ids.length, 'no task claimed twice');
      assert.equal(ids.length, 40);
    } finally {
      await a.close();
      await b.close();
    }
  });

  test('postgres: the store recovers by itself after the server restarts', async () => {
    const { store } = await freshStore();
    try {
      await store.createTask(newTask({ taskId: 'before-restart' }));
      await server?.stop();
      await assert.rejects(store.ping());
      await server?.start();
      // The pool drops the dead connections and opens new ones: no restart of ours.
      let recovered = false;
      for (let attempt = 0; attempt < 20 && !recovered; attempt++) {
        recovered = await store.ping().then(() => true, () => false);
        if (!recovered) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      assert.ok(recovered);
      assert.equal((await store.getTask('before-restart'))?.taskId, 'before-restart');
    } finally {
      await store.close();
    }
  });

  test('postgres: credentials are hidden from database and broker URLs shown to people', () => {
    assert.equal(withoutCredentials('postgres://oc:s3cret@db:5432/oc'), 'postgres://***@db:5432/oc');
    assert.equal(withoutCredentials('amqp://oc:s3cret@mq:5672/'), 'amqp://***@mq:5672/');
  });
}
