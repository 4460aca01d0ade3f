import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedBackend } from '../tasks/backend.js';
import { loadConfig } from '../config/load.js';
import { silentLogger } from '../lib/log.js';
import type { Delivery } from '../queue/types.js';
import { makeRepo, type FixtureRepo } from '../../test/support/fixtures.js';
import { Agent } from './worker.js';

/** A delivery that records what the agent decided, as a queue would see it. */
function delivery(body: string, deliveryCount = 1): Delivery & { outcome: string | null; reason: string | null } {
  const record = {
    body,
    deliveryCount,
    outcome: null as string | null,
    reason: null as string | null,
    async ack() {
      record.outcome = 'ack';
    },
    async reject(reason: string) {
      record.outcome = 'reject';
      record.reason = reason;
    },
    async release() {
      record.outcome = 'release';
    },
  };
  return record;
}

describe('agent message handling', () => {
  let dir: string;
  let repo: FixtureRepo;
  let backend: EmbeddedBackend;
  let agent: Agent;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'oc-agent-'));
    repo = await makeRepo({ 'README.md': '# hi\n' }, { git: true, name: 'demo' });
    backend = new EmbeddedBackend(join(dir, 'db.sqlite'));
    const { config } = loadConfig({
      env: { OPENCHECKER_OPENCHECK_ALLOW_LOCAL_REPOS: 'true', OPENCHECKER_OPENCHECK_REPOS_DIR: join(dir, 'ws'), OPENCHECKER_OPENCHECK_TASK_MAX_ATTEMPTS: '2' },
      cwd: dir,
    });
    agent = new Agent({ backend, config, configDir: dir, log: silentLogger(), concurrency: 1, agentId: 'test-agent' });
  });

  after(async () => {
    await backend.close();
    await repo.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  const signal = new AbortController().signal;

  test('a message in the upstream format (no task_id) is queued again with an id, then run, stored and acknowledged', async () => {
    const upstream = {
      command_list: ['readme-checker'],
      project_url: repo.dir,
      commit_hash: null,
      access_token: null,
      callback_url: 'http://127.0.0.1:9/cb',
      task_metadata: { version_number: 'None' },
    };
    const d = delivery(JSON.stringify(upstream));
    await agent.handle(d, signal);
    // Nothing would tie a redelivery of the original to this delivery: it is replaced by a copy with an id.
    assert.equal(d.outcome, 'ack');
    assert.equal((await backend.store.listTasks({ limit: 10 })).tasks.filter((t) => t.projectUrl === repo.dir).length, 0, 'not run yet');
    const queued = backend.queue.claim('test');
    assert.ok(queued);
    const copy = JSON.parse(queued.body) as Record<string, unknown>;
    assert.match(String(copy.task_id), /^[0-9a-f-]{36}$/);
    assert.deepEqual({ ...copy, task_id: undefined }, { ...upstream, task_id: undefined }, 'every upstream key kept');
    backend.queue.ack(queued.id);

    // The copy runs like any of our messages; delivered twice (an agent killed mid-task), it still runs once.
    const first = delivery(queued.body);
    await agent.handle(first, signal);
    assert.equal(first.outcome, 'ack');
    const again = delivery(queued.body, 2);
    await agent.handle(again, signal);
    assert.equal(again.outcome, 'ack');
    const page = await backend.store.listTasks({ limit: 10 });
    const runs = page.tasks.filter((t) => t.projectUrl === repo.dir);
    assert.equal(runs.length, 1);
    const task = runs[0];
    assert.ok(task);
    assert.equal(task.taskId, copy.task_id);
    assert.equal(task.attempts, 1);
    assert.equal(task.status, 'succeeded');
    // The list reads no result bodies (issue #14); the task itself has them.
    assert.equal(task.scanResults, null);
    assert.deepEqual((await backend.store.getTask(task.taskId))?.scanResults, { 'readme-checker': { readme_file: ['demo/README.md'] } });
    assert.equal(task.callback.status, 'pending');
    assert.deepEqual(await readdir(join(dir, 'ws')), [], 'the workspace is removed');
  });

  test('a redelivered message of a finished task is acknowledged without running again', async () => {
    const taskId = '11111111-1111-4111-8111-111111111111';
    const body = JSON.stringify({ task_id: taskId, command_list: ['readme-checker'], project_url: repo.dir, task_metadata: {} });
    await agent.handle(delivery(body), signal);
    const first = await backend.store.getTask(taskId);
    const again = delivery(body, 2);
    await agent.handle(again, signal);
    assert.equal(again.outcome, 'ack');
    const second = await backend.store.getTask(taskId);
    assert.equal(second?.attempts, 1);
    assert.equal(second?.finishedAt, first?.finishedAt);
  });

  test('the checker version of each command is stored beside its result', async () => {
    const taskId = '44444444-4444-4444-8444-444444444444';
    await agent.handle(delivery(JSON.stringify({ task_id: taskId, command_list: ['readme-checker', 'maintainers-checker'], project_url: repo.dir, task_metadata: {} })), signal);
    const task = await backend.store.getTask(taskId);
    assert.equal(task?.status, 'succeeded');
    assert.deepEqual(Object.keys(task?.commandVersions ?? {}).sort(), ['maintainers-checker', 'readme-checker']);
    assert.equal(typeof task?.commandVersions?.['readme-checker'], 'number');
  });

  for (const [name, body, reason] of [
    ['bad JSON', '{not json', /not valid JSON/],
    ['no project_url', JSON.stringify({ command_list: ['readme-checker'] }), /no project_url/],
    ['an unknown command', JSON.stringify({ command_list: ['rm-rf'], project_url: 'https://github.com/a/b' }), /unknown commands: rm-rf/],
    ['an option-like version', JSON.stringify({ command_list: [], project_url: 'https://github.com/a/b', task_metadata: { version_number: '--upload-pack=x' } }), /must not start with "-"/],
    // Recursion over a value this deep overflowed the stack; refused on the text, before it is parsed.
    ['task_metadata nested 100,000 deep', `{"command_list":[],"project_url":"https://github.com/a/b","task_metadata":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`, /message nests JSON deeper than 32 levels/],
  ] as const) {
    test(`a poison message (${name}) is rejected to dead letters with the reason`, async () => {
      const d = delivery(body);
      await agent.handle(d, signal);
      assert.equal(d.outcome, 'reject');
      assert.match(d.reason ?? '', reason);
    });
  }

  test('a task delivered more often than task_max_attempts is dead-lettered and its callback scheduled', async () => {
    const taskId = '22222222-2222-4222-8222-222222222222';
    const body = JSON.stringify({
      task_id: taskId,
      command_list: ['readme-checker', 'maintainers-checker'],
      project_url: repo.dir,
      callback_url: 'http://127.0.0.1:9/cb',
      task_metadata: {},
    });
    const d = delivery(body, 3);
    await agent.handle(d, signal);
    assert.equal(d.outcome, 'reject');
    const task = await backend.store.getTask(taskId);
    assert.equal(task?.status, 'dead_lettered');
    assert.match(task?.error ?? '', /delivered 3 times/);
    assert.match(String((task?.scanResults?.['maintainers-checker'] as { error: string }).error), /dead-lettered/);
    assert.equal(task?.callback.status, 'pending');
  });

  test('an aborted task (shutdown) is handed back: released and queued again', async () => {
    const taskId = '33333333-3333-4333-8333-333333333333';
    const controller = new AbortController();
    controller.abort();
    const d = delivery(JSON.stringify({ task_id: taskId, command_list: ['readme-checker'], project_url: repo.dir, task_metadata: {} }));
    await agent.handle(d, controller.signal);
    assert.equal(d.outcome, 'release');
    assert.equal((await backend.store.getTask(taskId))?.status, 'queued');
  });
});
