/**
 * Secrets at rest in the embedded database: file modes, credentials dropped once a task is done, and nothing
 * left readable in freed pages (the raw bytes of the files are searched).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedBackend } from '../tasks/backend.js';
import { requeueDeadLetters } from '../tasks/dead-letters.js';
import type { TaskMessage } from '../queue/types.js';
import { SqliteStore, openSqlite } from './sqlite.js';
import type { NewTask } from './types.js';

const TOKEN = 'glpat-AccessT0kenInTheMessage';
const URL_SECRET = 'UrlPassw0rdInTheProjectUrl';
const CB_SECRET = 'CallbackPassw0rdForBasicAuth';
const QUERY_SECRET = 'CallbackQueryT0ken';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'oc-secrets-'));
}

function taskWithCredentials(taskId: string): { task: NewTask; message: TaskMessage } {
  const projectUrl = `https://oauth2:${URL_SECRET}@forge.test/acme/demo.git`;
  const callbackUrl = `https://compass:${CB_SECRET}@hooks.test/cb?token=${QUERY_SECRET}`;
  return {
    task: { taskId, projectUrl, commandList: ['readme-checker'], taskMetadata: {}, commitHash: null, callbackUrl, submittedBy: 'alice' },
    message: { task_id: taskId, command_list: ['readme-checker'], project_url: projectUrl, commit_hash: null, access_token: TOKEN, callback_url: callbackUrl, task_metadata: {} },
  };
}

/** Every byte of the database files, as latin1 so any ASCII secret is found wherever it sits. */
function rawBytes(path: string): string {
  return [path, `${path}-wal`, `${path}-shm`]
    .filter((file) => existsSync(file))
    .map((file) => readFileSync(file).toString('latin1'))
    .join('\n');
}

const SECRETS = [TOKEN, URL_SECRET, CB_SECRET, QUERY_SECRET];

/** Runs one task through the embedded queue and store as an agent and the dispatcher would. */
async function runToTheEnd(backend: EmbeddedBackend, taskId: string, callback: 'delivered' | 'failed'): Promise<void> {
  const { task, message } = taskWithCredentials(taskId);
  await backend.submit(task, message);
  const consumer = await backend.queue.consume(
    async (delivery) => {
      assert.ok(delivery.body.includes(TOKEN), 'the agent gets the token in the message');
      await backend.store.startTask(taskId, 'agent');
      await backend.store.finishTask(taskId, {
        status: 'failed',
        error: `git clone failed: fatal: unable to access 'https://oauth2:${URL_SECRET}@forge.test/acme/demo.git/'`,
        scanResults: { 'readme-checker': { error: `fatal: unable to look up oauth2:${URL_SECRET}@forge.test (port 9418)` } },
      });
      await delivery.ack();
    },
    { concurrency: 1, consumerTag: 'test' },
  );
  for (let i = 0; i < 200 && (await backend.store.getTask(taskId))?.status !== 'failed'; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  await consumer.stop(1000);
  const running = await backend.store.getTask(taskId);
  // The callback still needs its URL, credentials included, until it is delivered or has finally failed.
  assert.equal(running?.callbackUrl, task.callbackUrl);
  assert.equal(running?.projectUrl, task.projectUrl);
  const [due] = await backend.store.claimDueCallbacks('test', Date.now(), 60_000, 1);
  assert.equal(due?.callbackUrl, task.callbackUrl);
  await backend.store.recordCallbackOutcome(
    taskId,
    callback === 'delivered' ? { kind: 'delivered' } : { kind: 'failed', error: `callback failed: connect ECONNREFUSED https://compass:${CB_SECRET}@hooks.test/cb?token=${QUERY_SECRET}` },
  );
}

test('database files are 0600 whatever the umask and folder mode; files of older installs are narrowed', async () => {
  const dir = tempDir();
  try {
    const previous = process.umask(0o000);
    try {
      const path = join(dir, 'data', 'openchecker.db');
      const backend = new EmbeddedBackend(path);
      // Write something so the -wal and -shm files exist.
      backend.store.insertTask(taskWithCredentials('mode-task').task);
      for (const file of [path, `${path}-wal`, `${path}-shm`]) {
        assert.ok(existsSync(file), file);
        assert.equal(statSync(file).mode & 0o777, 0o600, file);
      }
      assert.equal(statSync(join(dir, 'data')).mode & 0o777, 0o700, 'a folder the store creates is private too');
      await backend.close();
    } finally {
      process.umask(previous);
    }
    // An existing 0644 database (an install from before) is narrowed when opened.
    const old = join(dir, 'old.db');
    openSqlite(old).close();
    chmodSync(old, 0o644);
    const reopened = openSqlite(old);
    try {
      assert.equal(statSync(old).mode & 0o777, 0o600);
      assert.equal(reopened.pragma('secure_delete', { simple: true }), 1);
    } finally {
      reopened.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

for (const callback of ['delivered', 'failed'] as const) {
  test(`credentials are gone from the row and from the file's bytes once the callback is ${callback}`, async () => {
    const dir = tempDir();
    const path = join(dir, 'openchecker.db');
    const backend = new EmbeddedBackend(path);
    try {
      await runToTheEnd(backend, 'done-task', callback);
      const done = await backend.store.getTask('done-task');
      assert.equal(done?.projectUrl, 'https://***@forge.test/acme/demo.git');
      assert.equal(done?.callbackUrl, 'https://***@hooks.test/cb?token=***');
      const stored = JSON.stringify(done);
      for (const secret of SECRETS) assert.ok(!stored.includes(secret), `${secret} in ${stored}`);
      assert.match(done?.error ?? '', /unable to access 'https:\/\/\*\*\*@forge\.test/, 'the error stays readable');

      // A checkpoint that lets the WAL restart, then any write: the WAL is truncated at that restart
      // (journal_size_limit = 0), so old page images go too. Then the raw bytes of every file.
      backend.store.sqlite.pragma('wal_checkpoint(RESTART)');
      backend.store.insertTask({ ...taskWithCredentials('later').task, projectUrl: 'https://forge.test/x', callbackUrl: null });
      const bytes = rawBytes(path);
      for (const secret of SECRETS) assert.ok(!bytes.includes(secret), `${secret} is still in the database files`);
    } finally {
      await backend.close();
    }
    // And after a clean close.
    const bytes = rawBytes(path);
    for (const secret of SECRETS) assert.ok(!bytes.includes(secret), `${secret} is in the closed database`);
    rmSync(dir, { recursive: true, force: true });
  });
}

test('control: without secure_delete the same run leaves the credentials in freed pages (the search above can see them)', async () => {
  const dir = tempDir();
  const path = join(dir, 'openchecker.db');
  const backend = new EmbeddedBackend(path);
  try {
    backend.store.sqlite.pragma('secure_delete = OFF');
    await runToTheEnd(backend, 'done-task', 'delivered');
    backend.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = rawBytes(path);
    assert.ok(bytes.includes(TOKEN) || bytes.includes(URL_SECRET), 'freed pages hold the old text when nothing zeroes it');
  } finally {
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a task without a callback drops its credentials when it finishes; errors are stored redacted', async () => {
  const dir = tempDir();
  const store = new SqliteStore(openSqlite(join(dir, 'db.sqlite')));
  try {
    const { task } = taskWithCredentials('no-callback');
    await store.createTask({ ...task, callbackUrl: null });
    await store.startTask(task.taskId, 'agent');
    await store.finishTask(task.taskId, {
      status: 'failed',
      error: `clone failed: git://user:${URL_SECRET}@forge.test/x?private_token=${TOKEN}`,
      scanResults: { 'readme-checker': { error: `unable to look up user:${URL_SECRET}@forge.test:9418` } },
    });
    const done = await store.getTask(task.taskId);
    assert.equal(done?.projectUrl, 'https://***@forge.test/acme/demo.git');
    assert.ok(!JSON.stringify(done).includes(URL_SECRET) && !JSON.stringify(done).includes(TOKEN), JSON.stringify(done));
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a dead-lettered task drops its credentials; an operator requeue restores them from the dead letter', async () => {
  const dir = tempDir();
  const backend = new EmbeddedBackend(join(dir, 'openchecker.db'));
  try {
    const { task, message } = taskWithCredentials('dead-task');
    await backend.submit({ ...task, callbackUrl: null }, { ...message, callback_url: null });
    const consumer = await backend.queue.consume(
      async (delivery) => {
        await backend.store.markDeadLettered('dead-task', `poison: https://oauth2:${URL_SECRET}@forge.test`);
        await delivery.reject(`poison: https://oauth2:${URL_SECRET}@forge.test`);
      },
      { concurrency: 1, consumerTag: 'test' },
    );
    for (let i = 0; i < 200 && (await backend.store.getTask('dead-task'))?.status !== 'dead_lettered'; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    await consumer.stop(1000);
    const dead = await backend.store.getTask('dead-task');
    assert.equal(dead?.projectUrl, 'https://***@forge.test/acme/demo.git');
    assert.ok(!JSON.stringify(dead).includes(URL_SECRET));
    const moved = await requeueDeadLetters(backend, { taskIds: ['dead-task'] });
    assert.equal(moved.length, 1);
    const requeued = await backend.store.getTask('dead-task');
    assert.equal(requeued?.status, 'queued');
    assert.equal(requeued?.projectUrl, task.projectUrl, 'the requeued task clones and calls back with what was submitted');
  } finally {
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
