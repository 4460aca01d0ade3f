/**
 * The behaviour every Store must have, as one suite run against each implementation (SQLite in
 * sqlite.test.ts, PostgreSQL in postgres.test.ts), so the two can never drift apart.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeCursor } from '../../src/store/sql-store.js';
import type { NewTask, Store } from '../../src/store/types.js';

export type OpenStore = () => Promise<{ store: Store; cleanup: () => Promise<void> }>;

let counter = 0;

export function newTask(overrides: Partial<NewTask> = {}): NewTask {
  counter++;
  return {
    taskId: `task-${counter}`,
    projectUrl: 'https://github.com/acme/demo',
    commandList: ['readme-checker', 'eol-checker'],
    taskMetadata: { version_number: 'None', nested: { a: [1, 'two', null] } },
    commitHash: null,
    callbackUrl: null,
    submittedBy: 'alice',
    ...overrides,
  };
}

export function defineStoreContract(label: string, open: OpenStore): void {
  void test(label + ': task lifecycle: queued → running → succeeded, with results stored', async () => {
    const { store, cleanup } = await open();
    try {
      const input = newTask({ commitHash: 'abc123' });
      const created = await store.createTask(input);
      assert.equal(created.status, 'queued');
      assert.equal(created.attempts, 0);
      assert.deepEqual(created.taskMetadata, input.taskMetadata);
      assert.deepEqual(created.commandList, input.commandList);
      assert.equal(created.commitHash, 'abc123');
      assert.equal(created.startedAt, null);
      assert.equal(created.scanResults, null);
      assert.equal(created.commandVersions, null);
      assert.equal(created.callback.status, 'none');
      assert.ok(!Number.isNaN(Date.parse(created.createdAt)));

      // Creating the same id again returns the existing record.
      const again = await store.createTask({ ...input, projectUrl: 'https://other.example/x/y' });
      assert.equal(again.projectUrl, input.projectUrl);
      assert.equal(again.seq, created.seq);

      const running = await store.startTask(input.taskId, 'agent-1');
      assert.equal(running?.status, 'running');
      assert.equal(running?.agent, 'agent-1');
      assert.equal(running?.attempts, 1);
      assert.ok(running?.startedAt);

      const results = { 'readme-checker': { readme_file: ['README.md'] }, 'eol-checker': { error: 'boom' } };
      await store.finishTask(input.taskId, { status: 'succeeded', scanResults: results, error: null });
      const done = await store.getTask(input.taskId);
      assert.equal(done?.status, 'succeeded');
      assert.deepEqual(done?.scanResults, results);
      assert.ok(done?.finishedAt);
      assert.equal(done?.callback.status, 'none', 'no callback URL: nothing to deliver');
      assert.equal(await store.getTask('missing'), null);
    } finally {
      await cleanup();
    }
  });

  void test(label + ': startTask is idempotent: a finished task is never started again; a running one counts another attempt', async () => {
    const { store, cleanup } = await open();
    try {
      const task = await store.createTask(newTask());
      await store.startTask(task.taskId, 'a1');
      const retried = await store.startTask(task.taskId, 'a2');
      assert.equal(retried?.attempts, 2);
      assert.equal(retried?.agent, 'a2');
      await store.finishTask(task.taskId, { status: 'failed', scanResults: {}, error: 'clone failed' });
      assert.equal(await store.startTask(task.taskId, 'a3'), null);
      const after = await store.getTask(task.taskId);
      assert.equal(after?.status, 'failed');
      assert.equal(after?.error, 'clone failed');
      assert.equal(after?.attempts, 2);
      assert.equal(await store.startTask('missing', 'a1'), null);

      const dead = await store.createTask(newTask());
      await store.markDeadLettered(dead.taskId, 'crashed three agents');
      assert.equal((await store.getTask(dead.taskId))?.status, 'dead_lettered');
      assert.equal(await store.startTask(dead.taskId, 'a1'), null);
      // markDeadLettered does not touch finished tasks.
      await store.markDeadLettered(task.taskId, 'late');
      assert.equal((await store.getTask(task.taskId))?.status, 'failed');
    } finally {
      await cleanup();
    }
  });

  void test(label + ': requeueTask hands a running task back to queued', async () => {
    const { store, cleanup } = await open();
    try {
      const task = await store.createTask(newTask());
      await store.startTask(task.taskId, 'a1');
      await store.requeueTask(task.taskId);
      const back = await store.getTask(task.taskId);
      assert.equal(back?.status, 'queued');
      assert.equal(back?.agent, null);
    } finally {
      await cleanup();
    }
  });

  void test(label + ': listTasks: newest first, cursor pagination, status filter, invalid cursor', async () => {
    const { store, cleanup } = await open();
    try {
      const ids: string[] = [];
      for (let i = 0; i < 7; i++) ids.push((await store.createTask(newTask())).taskId);
      await store.startTask(ids[1] as string, 'a');
      await store.startTask(ids[4] as string, 'a');
      const newestFirst = [...ids].reverse();

      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await store.listTasks({ limit: 3, cursor });
        seen.push(...page.tasks.map((t) => t.taskId));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      assert.deepEqual(seen, newestFirst);
      assert.equal(pages, 3);

      const exact = await store.listTasks({ limit: 7 });
      assert.equal(exact.tasks.length, 7);
      assert.equal(exact.nextCursor, null, 'no cursor when the page holds the last task');

      const running = await store.listTasks({ status: 'running', limit: 1 });
      assert.deepEqual(running.tasks.map((t) => t.taskId), [ids[4]]);
      assert.ok(running.nextCursor);
      const running2 = await store.listTasks({ status: 'running', limit: 1, cursor: running.nextCursor });
      assert.deepEqual(running2.tasks.map((t) => t.taskId), [ids[1]]);
      assert.equal(running2.nextCursor, null);
      assert.deepEqual((await store.listTasks({ status: 'succeeded', limit: 5 })).tasks, []);

      await assert.rejects(store.listTasks({ limit: 3, cursor: 'garbage' }), RangeError);
      await assert.rejects(store.listTasks({ limit: 3, cursor: Buffer.from('s:abc').toString('base64url') }), RangeError);
      assert.equal(decodeCursor(Buffer.from('s:12').toString('base64url')), 12);
      assert.equal(decodeCursor('!!!'), null);
    } finally {
      await cleanup();
    }
  });

  void test(label + ': countTasksByStatus reports every status, zero included', async () => {
    const { store, cleanup } = await open();
    try {
      assert.deepEqual(await store.countTasksByStatus(), { queued: 0, running: 0, succeeded: 0, failed: 0, dead_lettered: 0 });
      const a = await store.createTask(newTask());
      const b = await store.createTask(newTask());
      await store.createTask(newTask());
      await store.startTask(a.taskId, 'x');
      await store.startTask(b.taskId, 'x');
      await store.finishTask(b.taskId, { status: 'succeeded', scanResults: {}, error: null });
      assert.deepEqual(await store.countTasksByStatus(), { queued: 1, running: 1, succeeded: 1, failed: 0, dead_lettered: 0 });
    } finally {
      await cleanup();
    }
  });

  void test(label + ': callback outbox: pending after finish, leased to one claimer, outcomes recorded', async () => {
    const { store, cleanup } = await open();
    try {
      const task = await store.createTask(newTask({ callbackUrl: 'https://compass.example/cb' }));
      assert.equal(task.callback.status, 'none');
      // Not due before the task finishes.
      assert.deepEqual(await store.claimDueCallbacks('d1', Date.now() + 1000, 60_000, 10), []);
      await store.startTask(task.taskId, 'a');
      await store.finishTask(task.taskId, { status: 'succeeded', scanResults: { x: 1 }, error: null });
      assert.equal((await store.getTask(task.taskId))?.callback.status, 'pending');

      const now = Date.now() + 10;
      const claimed = await store.claimDueCallbacks('d1', now, 60_000, 10);
      assert.deepEqual(claimed, [{ taskId: task.taskId, callbackUrl: 'https://compass.example/cb', attempts: 0 }]);
      // Leased: a second claim gets nothing until the lease expires.
      assert.deepEqual(await store.claimDueCallbacks('d2', now + 1, 60_000, 10), []);
      assert.deepEqual(await store.claimDueCallbacks('d2', now + 59_999, 60_000, 10), []);
      const reclaimed = await store.claimDueCallbacks('d2', now + 60_001, 60_000, 10);
      assert.equal(reclaimed.length, 1);

      // Retry: pending, attempts counted, not due before nextAttemptAtMs, lease cleared.
      const nextAt = now + 5_000;
      await store.recordCallbackOutcome(task.taskId, { kind: 'retry', error: 'callback answered HTTP 500', nextAttemptAtMs: nextAt });
      let view = await store.getTask(task.taskId);
      assert.equal(view?.callback.status, 'pending');
      assert.equal(view?.callback.attempts, 1);
      assert.equal(view?.callback.lastError, 'callback answered HTTP 500');
      assert.equal(view?.callback.nextAttemptAt, new Date(nextAt).toISOString());
      assert.deepEqual(await store.claimDueCallbacks('d1', nextAt - 1, 60_000, 10), []);
      const due = await store.claimDueCallbacks('d1', nextAt, 60_000, 10);
      assert.equal(due[0]?.attempts, 1);

      await store.recordCallbackOutcome(task.taskId, { kind: 'delivered' });
      view = await store.getTask(task.taskId);
      assert.equal(view?.callback.status, 'delivered');
      assert.equal(view?.callback.attempts, 2);
      assert.equal(view?.callback.lastError, null);
      assert.ok(view?.callback.deliveredAt);
      assert.equal(view?.callback.nextAttemptAt, null);
      assert.deepEqual(await store.claimDueCallbacks('d1', nextAt + 10_000_000, 60_000, 10), []);

      const other = await store.createTask(newTask({ callbackUrl: 'https://compass.example/cb2' }));
      await store.finishTask(other.taskId, { status: 'failed', scanResults: {}, error: 'x' });
      await store.recordCallbackOutcome(other.taskId, { kind: 'failed', error: 'callback answered HTTP 400' });
      view = await store.getTask(other.taskId);
      assert.equal(view?.callback.status, 'failed');
      assert.equal(view?.callback.attempts, 1);
      assert.equal(view?.callback.lastError, 'callback answered HTTP 400');
      assert.deepEqual(await store.claimDueCallbacks('d1', Date.now() + 10_000_000, 60_000, 10), []);
    } finally {
      await cleanup();
    }
  });

  void test(label + ': claimDueCallbacks honours its limit and oldest-due order', async () => {
    const { store, cleanup } = await open();
    try {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const task = await store.createTask(newTask({ callbackUrl: `https://cb.example/${i}` }));
        await store.finishTask(task.taskId, { status: 'succeeded', scanResults: {}, error: null });
        ids.push(task.taskId);
      }
      const base = Date.now() + 1000;
      await store.recordCallbackOutcome(ids[0] as string, { kind: 'retry', error: 'e', nextAttemptAtMs: base - 10 });
      await store.recordCallbackOutcome(ids[1] as string, { kind: 'retry', error: 'e', nextAttemptAtMs: base - 30 });
      await store.recordCallbackOutcome(ids[2] as string, { kind: 'retry', error: 'e', nextAttemptAtMs: base - 20 });
      const first = await store.claimDueCallbacks('d', base, 60_000, 2);
      assert.deepEqual(first.map((c) => c.taskId).sort(), [ids[1], ids[2]].sort());
      const rest = await store.claimDueCallbacks('d', base, 60_000, 2);
      assert.deepEqual(rest.map((c) => c.taskId), [ids[0]]);
    } finally {
      await cleanup();
    }
  });

  void test(label + ': users: create, look up, list, update password (new token generation), delete; ids are random', async () => {
    const { store, cleanup } = await open();
    try {
      const alice = await store.createUser({ username: 'alice', passwordHash: 'h1', role: 'admin' });
      const expectedId = alice.id;
      assert.match(expectedId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'a random (v4) UUID');
      // Upstream's id of 'alice', uuid5(NAMESPACE_DNS, 'alice'), which a token of an earlier 'alice' would name.
      assert.notEqual(expectedId, 'c2ef90b9-02bc-5d53-93cd-92652b6e1b41', 'not derived from the name');
      assert.equal(alice.tokenGeneration, 0);
      await store.createUser({ username: 'bob', passwordHash: 'h2', role: 'user' });
      await assert.rejects(store.createUser({ username: 'alice', passwordHash: 'h3', role: 'user' }), /exists already/);

      assert.deepEqual(await store.getUserByName('alice'), alice);
      assert.deepEqual(await store.getUserById(expectedId), alice);
      assert.equal(await store.getUserByName('carol'), null);
      assert.equal(await store.getUserById('17f615a4-4544-5549-9039-7ff246bc88a2'), null);
      assert.deepEqual((await store.listUsers()).map((u) => u.username), ['alice', 'bob']);

      assert.equal(await store.updatePassword('alice', 'h9'), true);
      assert.equal((await store.getUserByName('alice'))?.passwordHash, 'h9');
      assert.equal((await store.getUserByName('alice'))?.tokenGeneration, 1, 'a password change revokes the tokens issued before');
      assert.equal(await store.updatePassword('carol', 'h9'), false);

      const bobId = (await store.getUserByName('bob'))?.id;
      assert.equal(await store.deleteUser('bob'), true);
      assert.equal(await store.deleteUser('bob'), false);
      assert.deepEqual((await store.listUsers()).map((u) => u.username), ['alice']);
      // Created again under the same name: another user, whom the first one's tokens (sub = id) do not name.
      const bobAgain = await store.createUser({ username: 'bob', passwordHash: 'h2', role: 'user' });
      assert.notEqual(bobAgain.id, bobId);
      assert.equal(await store.getUserById(bobId as string), null);
    } finally {
      await cleanup();
    }
  });

  void test(label + ': agents: register, heartbeat with current tasks, stop, re-register', async () => {
    const { store, cleanup } = await open();
    try {
      const info = { id: 'agent-1', hostname: 'host-a', pid: 1234, version: '0.1.0', concurrency: 2 };
      await store.registerAgent(info);
      let [agent] = await store.listAgents();
      assert.equal(agent?.status, 'running');
      assert.deepEqual(agent?.currentTasks, []);
      assert.equal(agent?.hostname, 'host-a');
      assert.equal(agent?.concurrency, 2);
      const firstBeat = agent?.lastHeartbeatAt ?? '';

      await store.heartbeatAgent('agent-1', ['t1', 't2']);
      [agent] = await store.listAgents();
      assert.deepEqual(agent?.currentTasks, ['t1', 't2']);
      assert.ok((agent?.lastHeartbeatAt ?? '') >= firstBeat);

      await store.stopAgent('agent-1');
      [agent] = await store.listAgents();
      assert.equal(agent?.status, 'stopped');
      assert.deepEqual(agent?.currentTasks, []);

      await store.registerAgent({ ...info, pid: 999 });
      const agents = await store.listAgents();
      assert.equal(agents.length, 1);
      assert.equal(agents[0]?.status, 'running');
      assert.equal(agents[0]?.pid, 999);
    } finally {
      await cleanup();
    }
  });

  void test(label + ': ping answers while open and fails after close', async () => {
    const { store, cleanup } = await open();
    await store.ping();
    await store.close();
    await assert.rejects(store.ping());
    await store.close(); // closing twice is harmless
    await cleanup();
  });


  void test(label + ': hand-back does not count an attempt; dead-lettered tasks can be requeued with a clean slate', async () => {
    const { store, cleanup } = await open();
    try {
      const task = await store.createTask(newTask({ callbackUrl: 'http://127.0.0.1:9/cb' }));
      await store.startTask(task.taskId, 'agent-a');
      await store.requeueTask(task.taskId, { handBack: true });
      assert.equal((await store.getTask(task.taskId))?.attempts, 0);
      await store.startTask(task.taskId, 'agent-a');
      await store.requeueTask(task.taskId);
      assert.equal((await store.getTask(task.taskId))?.attempts, 1, 'a failed run counts');
      await store.markDeadLettered(task.taskId, 'crashed agents 3 times');
      const dead = await store.getTask(task.taskId);
      assert.equal(dead?.status, 'dead_lettered');
      assert.equal(dead?.callback.status, 'pending');
      assert.deepEqual(dead?.commandVersions, Object.fromEntries(task.commandList.map((c) => [c, null])), 'no checker ran: null versions');
      assert.deepEqual(dead?.scanResults, Object.fromEntries(task.commandList.map((c) => [c, { error: 'task dead-lettered: crashed agents 3 times' }])));
      const again = await store.requeueDeadLettered(task.taskId);
      assert.equal(again?.status, 'queued');
      assert.equal(again?.attempts, 0);
      assert.equal(again?.scanResults, null);
      assert.equal(again?.commandVersions, null);
      assert.equal(again?.callback.status, 'none');
      assert.equal(await store.requeueDeadLettered(task.taskId), null, 'only dead-lettered tasks');
    } finally {
      await cleanup();
    }
  });

  void test(label + ': each result keeps the version of the checker that produced it; results without versions read as null', async () => {
    const { store, cleanup } = await open();
    try {
      const task = await store.createTask(newTask({ commandList: ['readme-checker', 'eol-checker', 'binary-checker'] }));
      await store.startTask(task.taskId, 'a1');
      const scanResults = { 'readme-checker': { readme_file: ['README.md'] }, 'eol-checker': { error: 'boom' }, 'binary-checker': { error: 'no checkout' } };
      // binary-checker never ran (null); a version for a command without a result is not shown.
      const commandVersions = { 'readme-checker': 2, 'eol-checker': 1, 'binary-checker': null, 'other-checker': 7 };
      await store.finishTask(task.taskId, { status: 'succeeded', scanResults, error: null, commandVersions });
      const done = await store.getTask(task.taskId);
      assert.deepEqual(done?.commandVersions, { 'readme-checker': 2, 'eol-checker': 1, 'binary-checker': null });
      // The list reads no result bodies (issue #14): neither results nor their versions.
      const listed = (await store.listTasks({ limit: 1 })).tasks[0];
      assert.equal(listed?.taskId, task.taskId);
      assert.equal(listed?.scanResults, null);
      assert.equal(listed?.commandVersions, null);

      // A writer that passes no versions (an older agent) stores results whose versions are unknown.
      const old = await store.createTask(newTask());
      await store.finishTask(old.taskId, { status: 'failed', scanResults: { 'readme-checker': { error: 'x' }, 'eol-checker': { error: 'x' } }, error: 'x' });
      assert.deepEqual((await store.getTask(old.taskId))?.commandVersions, { 'readme-checker': null, 'eol-checker': null });
    } finally {
      await cleanup();
    }
  });

  void test(label + ': listTasks filters by repository', async () => {
    const { store, cleanup } = await open();
    try {
      await store.createTask(newTask({ projectUrl: 'https://github.com/acme/one' }));
      await store.createTask(newTask({ projectUrl: 'https://github.com/acme/two' }));
      const page = await store.listTasks({ limit: 10, projectUrl: 'https://github.com/acme/two' });
      assert.deepEqual(page.tasks.map((t) => t.projectUrl), ['https://github.com/acme/two']);
    } finally {
      await cleanup();
    }
  });

  void test(label + ': tasks keep their owner; listTasks filters by owner (tenants)', async () => {
    const { store, cleanup } = await open();
    try {
      const a1 = await store.createTask(newTask({ ownerId: 'user-a', submittedBy: 'alice' }));
      const b1 = await store.createTask(newTask({ ownerId: 'user-b', submittedBy: 'bob' }));
      const queued = await store.createTask(newTask({ submittedBy: null })); // a queue message: no owner
      const a2 = await store.createTask(newTask({ ownerId: 'user-a', submittedBy: 'alice' }));
      assert.equal(a1.ownerId, 'user-a');
      assert.equal((await store.getTask(b1.taskId))?.ownerId, 'user-b');
      assert.equal(queued.ownerId, null, 'a task without an owner stores null');
      const ids = async (query: Parameters<Store['listTasks']>[0]): Promise<string[]> => (await store.listTasks(query)).tasks.map((t) => t.taskId);
      assert.deepEqual(await ids({ limit: 10, ownerId: 'user-a' }), [a2.taskId, a1.taskId]);
      assert.deepEqual(await ids({ limit: 10, ownerId: 'user-b' }), [b1.taskId]);
      assert.deepEqual(await ids({ limit: 10, ownerId: 'nobody' }), []);
      assert.deepEqual(await ids({ limit: 10 }), [a2.taskId, queued.taskId, b1.taskId, a1.taskId], 'no owner filter: every task');
      // Pages stay within the owner's tasks.
      const first = await store.listTasks({ limit: 1, ownerId: 'user-a' });
      assert.deepEqual(first.tasks.map((t) => t.taskId), [a2.taskId]);
      assert.deepEqual(await ids({ limit: 5, ownerId: 'user-a', cursor: first.nextCursor }), [a1.taskId]);
    } finally {
      await cleanup();
    }
  });

  void test(label + ': quota reads: the owner\'s Nth newest task time and their unfinished tasks, bounded', async () => {
    const { store, cleanup } = await open();
    try {
      assert.equal(await store.ownerTaskCreatedAt('user-a', 1), null);
      assert.equal(await store.countOpenTasks('user-a', 10), 0);
      const created: string[] = [];
      for (let i = 0; i < 4; i++) created.push((await store.createTask(newTask({ ownerId: 'user-a' }))).createdAt);
      await store.createTask(newTask({ ownerId: 'user-b' }));
      assert.equal(await store.ownerTaskCreatedAt('user-a', 1), created[3]);
      assert.equal(await store.ownerTaskCreatedAt('user-a', 4), created[0]);
      assert.equal(await store.ownerTaskCreatedAt('user-a', 5), null, 'fewer than 5 tasks');
      const page = await store.listTasks({ limit: 4, ownerId: 'user-a' });
      const [newest, , third] = page.tasks;
      await store.startTask(newest?.taskId as string, 'agent');
      await store.startTask(third?.taskId as string, 'agent');
      await store.finishTask(third?.taskId as string, { status: 'succeeded', scanResults: {}, error: null });
      assert.equal(await store.countOpenTasks('user-a', 10), 3, 'queued and running count, finished ones do not');
      assert.equal(await store.countOpenTasks('user-a', 2), 2, 'counted up to the bound only');
      assert.equal(await store.countOpenTasks('user-b', 10), 1);
    } finally {
      await cleanup();
    }
  });

  void test(label + ': retention purges results, then whole tasks, finished before the cutoff only, never undelivered callbacks', async () => {
    const { store, cleanup } = await open();
    const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 15));
    try {
      const finish = async (overrides: Partial<NewTask> = {}): Promise<string> => {
        const task = await store.createTask(newTask(overrides));
        await store.startTask(task.taskId, 'agent');
        await store.finishTask(task.taskId, { status: 'succeeded', scanResults: { 'readme-checker': { readme_file: [] } }, error: null, commandVersions: { 'readme-checker': 1 } });
        return task.taskId;
      };
      const old1 = await finish();
      const old2 = await finish();
      const oldCallback = await finish({ callbackUrl: 'http://127.0.0.1:9/cb' }); // callback still pending
      await pause();
      const cutoff = new Date().toISOString();
      await pause();
      const recent = await finish();
      const running = await store.createTask(newTask());
      await store.startTask(running.taskId, 'agent');
      const queued = await store.createTask(newTask());

      assert.equal(await store.purgeResults(new Date(Date.parse(cutoff) - 86_400_000).toISOString(), 100), 0, 'nothing finished that long ago');
      assert.equal(await store.purgeResults(cutoff, 1), 1, 'the limit bounds one batch');
      assert.equal(await store.purgeResults(cutoff, 100), 1, 'the rest of the batch');
      assert.equal(await store.purgeResults(cutoff, 100), 0, 'idempotent: purged results are not purged again');
      for (const id of [old1, old2]) {
        const purged = await store.getTask(id);
        assert.equal(purged?.scanResults, null, id);
        assert.equal(purged?.commandVersions, null, id);
        assert.ok(purged?.resultsPurgedAt && !Number.isNaN(Date.parse(purged.resultsPurgedAt)), 'marked with the time');
        assert.equal(purged?.status, 'succeeded', 'the task itself stays');
      }
      assert.ok((await store.getTask(oldCallback))?.scanResults, 'a callback still to deliver keeps its results');
      assert.ok((await store.getTask(recent))?.scanResults, 'finished after the cutoff: kept');
      assert.equal((await store.getTask(recent))?.resultsPurgedAt, null);

      await store.recordCallbackOutcome(oldCallback, { kind: 'delivered' });
      assert.equal(await store.purgeTasks(cutoff, 100), 3, 'the two old tasks and the delivered one');
      for (const id of [old1, old2, oldCallback]) assert.equal(await store.getTask(id), null, id);
      assert.ok(await store.getTask(recent));
      assert.equal((await store.getTask(running.taskId))?.status, 'running', 'unfinished tasks are never purged');
      assert.equal((await store.getTask(queued.taskId))?.status, 'queued');
      assert.equal(await store.purgeTasks(new Date(Date.now() + 86_400_000).toISOString(), 100), 1, 'the recent one, once the cutoff passes it');
      assert.equal((await store.listTasks({ limit: 10 })).tasks.length, 2);

      // A dead-lettered task requeued after its results were purged starts clean.
      const dead = await store.createTask(newTask());
      await store.markDeadLettered(dead.taskId, 'poison');
      await store.recordCallbackOutcome(dead.taskId, { kind: 'delivered' });
      assert.equal(await store.purgeResults(new Date(Date.now() + 86_400_000).toISOString(), 100), 1);
      assert.ok((await store.getTask(dead.taskId))?.resultsPurgedAt);
      assert.equal((await store.requeueDeadLettered(dead.taskId))?.resultsPurgedAt, null);
    } finally {
      await cleanup();
    }
  });

  void test(label + ': shared cache: set, get, overwrite, expiry, purge', async () => {
    const { store, cleanup } = await open();
    try {
      assert.equal(await store.cacheGet('osv', 'npm/lodash@4.17.20'), null);
      await store.cacheSet('osv', 'npm/lodash@4.17.20', '{"vulns":[]}', 60_000);
      assert.equal(await store.cacheGet('osv', 'npm/lodash@4.17.20'), '{"vulns":[]}');
      await store.cacheSet('osv', 'npm/lodash@4.17.20', '{"vulns":["GHSA-x"]}', 60_000);
      assert.equal(await store.cacheGet('osv', 'npm/lodash@4.17.20'), '{"vulns":["GHSA-x"]}');
      assert.equal(await store.cacheGet('other', 'npm/lodash@4.17.20'), null, 'namespaces are separate');
      await store.cacheSet('osv', 'short', 'v', -1);
      assert.equal(await store.cacheGet('osv', 'short'), null, 'expired entries are misses');
      assert.equal(await store.cachePurgeExpired(), 1);
    } finally {
      await cleanup();
    }
  });

  void test(label + ': agents report their commands; stale agents are pruned', async () => {
    const { store, cleanup } = await open();
    try {
      await store.registerAgent({ id: 'a1', hostname: 'h', pid: 1, version: '1', concurrency: 2, commands: ['readme-checker'] });
      assert.deepEqual((await store.listAgents())[0]?.commands, ['readme-checker']);
      assert.equal(await store.pruneAgents(60_000), 0);
      assert.equal(await store.pruneAgents(-1000), 1);
    } finally {
      await cleanup();
    }
  });
}
