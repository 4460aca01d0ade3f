import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { EmbeddedBackend } from '../tasks/backend.js';
import { openSqlite, type SqliteDatabase } from '../store/sqlite.js';
import type { NewTask } from '../store/types.js';
import { EmbeddedQueue } from './embedded.js';
import type { Consumer, Delivery, TaskMessage } from './types.js';

interface Fixture {
  dir: string;
  path: string;
  db: SqliteDatabase;
  queue: EmbeddedQueue;
  cleanup: () => Promise<void>;
}

function fixture(): Fixture {
  const dir = mkdtempSync(join(tmpdir(), 'oc-queue-'));
  const path = join(dir, 'q.db');
  const db = openSqlite(path);
  const queue = new EmbeddedQueue(db, { pollMs: 20, leaseMs: 10_000 });
  return {
    dir,
    path,
    db,
    queue,
    cleanup: async () => {
      await queue.close();
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function message(taskId: string): TaskMessage {
  return {
    command_list: ['readme-checker'],
    project_url: 'https://github.com/acme/demo',
    commit_hash: null,
    access_token: null,
    callback_url: null,
    task_metadata: {},
    task_id: taskId,
  };
}

async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

const rows = (db: SqliteDatabase): { queue: string; dead_reason: string | null; deliveries: number }[] =>
  db.prepare('SELECT queue, dead_reason, deliveries FROM queue_messages ORDER BY id').all() as { queue: string; dead_reason: string | null; deliveries: number }[];

test('publish → consume → ack removes the message', async () => {
  const f = fixture();
  let consumer: Consumer | null = null;
  try {
    await f.queue.publish(message('t1'));
    assert.deepEqual(await f.queue.stats(), { ready: 1, unacked: 0, deadLetters: 0 });
    const seen: { body: TaskMessage; count: number }[] = [];
    consumer = await f.queue.consume(
      async (delivery) => {
        seen.push({ body: JSON.parse(delivery.body) as TaskMessage, count: delivery.deliveryCount });
        await delivery.ack();
      },
      { concurrency: 1, consumerTag: 'c1' },
    );
    await waitFor(() => seen.length === 1 && rows(f.db).length === 0, 'the ack');
    assert.deepEqual(seen[0]?.body, message('t1'));
    assert.equal(seen[0]?.count, 1);
    assert.deepEqual(await f.queue.stats(), { ready: 0, unacked: 0, deadLetters: 0 });
  } finally {
    await consumer?.stop(1000);
    await f.cleanup();
  }
});

test('reject moves the message to dead_letters with its reason', async () => {
  const f = fixture();
  let consumer: Consumer | null = null;
  try {
    await f.queue.publishRaw('{not json');
    let calls = 0;
    consumer = await f.queue.consume(
      async (delivery) => {
        calls++;
        await delivery.reject('message is not valid JSON');
      },
      { concurrency: 1, consumerTag: 'c1' },
    );
    await waitFor(async () => (await f.queue.stats()).deadLetters === 1, 'the dead letter');
    await sleep(60); // a few poll intervals: the dead letter is never delivered again
    assert.equal(calls, 1);
    assert.deepEqual(await f.queue.stats(), { ready: 0, unacked: 0, deadLetters: 1 });
    assert.deepEqual(rows(f.db), [{ queue: 'dead_letters', dead_reason: 'message is not valid JSON', deliveries: 1 }]);
  } finally {
    await consumer?.stop(1000);
    await f.cleanup();
  }
});

test('release hands the message back; the redelivery does not count as another attempt', async () => {
  const f = fixture();
  let consumer: Consumer | null = null;
  try {
    await f.queue.publish(message('t1'));
    const counts: number[] = [];
    consumer = await f.queue.consume(
      async (delivery) => {
        counts.push(delivery.deliveryCount);
        if (counts.length === 1) await delivery.release();
        else await delivery.ack();
      },
      { concurrency: 1, consumerTag: 'c1' },
    );
    await waitFor(() => counts.length === 2 && rows(f.db).length === 0, 'the redelivery');
    assert.deepEqual(counts, [1, 1]);
  } finally {
    await consumer?.stop(1000);
    await f.cleanup();
  }
});

test('a handler that throws (or returns without settling) gets its message released and redelivered', async () => {
  const f = fixture();
  let consumer: Consumer | null = null;
  try {
    await f.queue.publish(message('t1'));
    const calls: string[] = [];
    consumer = await f.queue.consume(
      async (delivery) => {
        calls.push((JSON.parse(delivery.body) as TaskMessage).task_id ?? '');
        if (calls.length === 1) throw new Error('handler bug');
        if (calls.length === 2) return; // forgot to settle
        await delivery.ack();
      },
      { concurrency: 1, consumerTag: 'c1' },
    );
    await waitFor(() => calls.length === 3 && rows(f.db).length === 0, 'three deliveries');
    assert.deepEqual(calls, ['t1', 't1', 't1']);
  } finally {
    await consumer?.stop(1000);
    await f.cleanup();
  }
});

test('settling twice is harmless: the first outcome wins', async () => {
  const f = fixture();
  let consumer: Consumer | null = null;
  try {
    await f.queue.publish(message('t1'));
    let done = false;
    consumer = await f.queue.consume(
      async (delivery) => {
        await delivery.reject('poison');
        await delivery.ack();
        await delivery.release();
        done = true;
      },
      { concurrency: 1, consumerTag: 'c1' },
    );
    await waitFor(() => done, 'the handler');
    await waitFor(async () => (await f.queue.stats()).deadLetters === 1, 'the dead letter');
    assert.equal(rows(f.db).length, 1);
  } finally {
    await consumer?.stop(1000);
    await f.cleanup();
  }
});

test('a lease left by a crashed process is recovered at start-up and the message delivered again', async () => {
  const f = fixture();
  let consumer: Consumer | null = null;
  let db2: SqliteDatabase | null = null;
  try {
    await f.queue.publish(message('t1'));
    const claimed = f.queue.claim('crashed-agent');
    assert.equal(claimed?.deliveries, 1);
    assert.deepEqual(await f.queue.stats(), { ready: 0, unacked: 1, deadLetters: 0 });
    // The process "dies": its connection goes away without ack. A new process opens the same file.
    f.db.close();
    db2 = openSqlite(f.path);
    const queue2 = new EmbeddedQueue(db2, { pollMs: 20 });
    assert.equal(queue2.claim('too-early'), null, 'still leased until recovery');
    assert.equal(queue2.recoverOrphanedLeases(), 1);
    assert.equal(queue2.recoverOrphanedLeases(), 0);
    const counts: number[] = [];
    consumer = await queue2.consume(
      async (delivery) => {
        counts.push(delivery.deliveryCount);
        await delivery.ack();
      },
      { concurrency: 1, consumerTag: 'c2' },
    );
    await waitFor(() => counts.length === 1, 'the redelivery');
    assert.deepEqual(counts, [2], 'the interrupted delivery counts');
    await consumer.stop(1000);
    consumer = null;
    await queue2.close();
  } finally {
    await consumer?.stop(1000);
    db2?.close();
    await f.cleanup();
  }
});

test('an expired lease is delivered again without recovery', async () => {
  const f = fixture();
  try {
    const queue = new EmbeddedQueue(f.db, { leaseMs: 30 });
    await queue.publish(message('t1'));
    assert.ok(queue.claim('a'));
    assert.equal(queue.claim('b'), null);
    await sleep(50);
    assert.equal(queue.claim('b')?.deliveries, 2);
  } finally {
    await f.cleanup();
  }
});

test('consumer.stop(grace) waits for a running handler to finish', async () => {
  const f = fixture();
  try {
    await f.queue.publish(message('t1'));
    let started = false;
    let finished = false;
    let aborted = false;
    const consumer = await f.queue.consume(
      async (delivery, signal) => {
        started = true;
        await sleep(150);
        aborted = signal.aborted;
        finished = true;
        await delivery.ack();
      },
      { concurrency: 2, consumerTag: 'c1' },
    );
    await waitFor(() => started, 'the handler to start');
    assert.equal(consumer.inFlight(), 1);
    await consumer.stop(3000);
    assert.equal(finished, true);
    assert.equal(aborted, false);
    assert.equal(consumer.inFlight(), 0);
    assert.equal(rows(f.db).length, 0);
  } finally {
    await f.cleanup();
  }
});

for (const concurrency of [1, 2]) {
  test(`consumer.stop(0) aborts the running handler's signal (concurrency ${concurrency}, all slots busy)`, async () => {
    const f = fixture();
    try {
      for (let i = 0; i < concurrency; i++) await f.queue.publish(message(`t${i}`));
      const reasons: unknown[] = [];
      let started = 0;
      const consumer = await f.queue.consume(
        async (delivery: Delivery, signal: AbortSignal) => {
          started++;
          await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
          reasons.push(signal.reason);
          await delivery.release();
        },
        { concurrency, consumerTag: 'c1' },
      );
      await waitFor(() => started === concurrency, 'the handlers to start');
      const stopping = consumer.stop(0);
      const outcome = await Promise.race([stopping.then(() => 'stopped'), sleep(2000).then(() => 'hung')]);
      assert.equal(outcome, 'stopped', 'stop(0) must not wait for the handlers');
      assert.equal(reasons.length, concurrency);
      assert.match(String(reasons[0]), /shutting down/);
      assert.deepEqual(await f.queue.stats(), { ready: concurrency, unacked: 0, deadLetters: 0 });
    } finally {
      await f.cleanup();
    }
  });
}

test('never more than `concurrency` handlers run at once, and every message is handled', async () => {
  const f = fixture();
  let consumer: Consumer | null = null;
  try {
    for (let i = 0; i < 10; i++) await f.queue.publish(message(`t${i}`));
    let running = 0;
    let max = 0;
    const handled: string[] = [];
    consumer = await f.queue.consume(
      async (delivery) => {
        running++;
        max = Math.max(max, running);
        await sleep(15);
        handled.push((JSON.parse(delivery.body) as TaskMessage).task_id ?? '');
        running--;
        await delivery.ack();
      },
      { concurrency: 3, consumerTag: 'c1' },
    );
    await waitFor(() => handled.length === 10, 'all messages');
    assert.equal(max, 3);
    assert.deepEqual([...handled].sort(), Array.from({ length: 10 }, (_, i) => `t${i}`).sort());
  } finally {
    await consumer?.stop(1000);
    await f.cleanup();
  }
});

test('a closed queue refuses to publish and ping fails', async () => {
  const f = fixture();
  try {
    await f.queue.ping();
    await f.queue.close();
    await assert.rejects(f.queue.publish(message('t1')), /closed/);
    await assert.rejects(f.queue.ping(), /closed/);
  } finally {
    await f.cleanup();
  }
});

function newTask(taskId: string): NewTask {
  return {
    taskId,
    projectUrl: 'https://github.com/acme/demo',
    commandList: ['readme-checker'],
    taskMetadata: { version_number: 'None' },
    commitHash: null,
    callbackUrl: null,
    submittedBy: 'alice',
  };
}

test('EmbeddedBackend.submit stores the task and its message together, once per task id', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oc-backend-'));
  const backend = new EmbeddedBackend(join(dir, 'data', 'openchecker.db'), { pollMs: 20 });
  try {
    const record = await backend.submit(newTask('t1'), message('t1'));
    assert.equal(record.status, 'queued');
    assert.equal((await backend.store.getTask('t1'))?.status, 'queued');
    assert.deepEqual(await backend.queue.stats(), { ready: 1, unacked: 0, deadLetters: 0 });
    const stored = backend.store.sqlite.prepare('SELECT task_id, body FROM queue_messages').all() as { task_id: string; body: string }[];
    assert.deepEqual(stored.map((row) => [row.task_id, JSON.parse(row.body) as unknown]), [['t1', message('t1')]]);

    // Idempotent: the existing task comes back and no second message is queued.
    await backend.store.startTask('t1', 'agent');
    const again = await backend.submit({ ...newTask('t1'), projectUrl: 'https://other.example/a/b' }, message('t1'));
    assert.equal(again.status, 'running');
    assert.equal(again.projectUrl, 'https://github.com/acme/demo');
    assert.equal((await backend.queue.stats()).ready, 1);

    // Atomic: when the message cannot be queued, the task is not stored either.
    await backend.queue.close();
    await assert.rejects(backend.submit(newTask('t2'), message('t2')), /closed/);
    assert.equal(await backend.store.getTask('t2'), null);
  } finally {
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('EmbeddedBackend wakes a waiting consumer on submit', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oc-backend-'));
  // A long poll interval: only the notification can deliver the message quickly.
  const backend = new EmbeddedBackend(join(dir, 'openchecker.db'), { pollMs: 60_000 });
  let consumer: Consumer | null = null;
  try {
    const seen: string[] = [];
    consumer = await backend.queue.consume(
      async (delivery) => {
        seen.push((JSON.parse(delivery.body) as TaskMessage).task_id ?? '');
        await delivery.ack();
      },
      { concurrency: 1, consumerTag: 'c' },
    );
    await sleep(20);
    await backend.submit(newTask('t9'), message('t9'));
    await waitFor(() => seen.length === 1, 'the woken consumer', 2000);
    assert.deepEqual(seen, ['t9']);
  } finally {
    await consumer?.stop(1000);
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
