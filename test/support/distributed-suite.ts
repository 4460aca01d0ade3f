/**
 * Distributed mode under injected faults, against real RabbitMQ and PostgreSQL servers and real `serve` and
 * `agent` processes. The suite is split over several test files (test/distributed-*.test.ts), each running a
 * subset with its own servers, so no file runs for long. Every test asserts that each accepted task ends `succeeded` (or `dead_lettered` where
 * intended) with exactly one stored result and at least one delivered callback.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import amqp from 'amqplib';
import { createLogger } from '../../src/lib/log.js';
import { RabbitQueue, REASON_HEADER, WORK_QUEUE_ARGUMENTS } from '../../src/queue/rabbitmq.js';
import type { TaskRecord } from '../../src/store/types.js';
import { startCluster, type Cluster, type ClusterProcess } from './cluster.js';
import { makeRepo, type FixtureRepo } from './fixtures.js';
import { startGatedGitServer, startReceiver, waitFor, type Receiver } from './servers.js';
import { postgresAvailable, rabbitAvailable, startPostgres, startRabbit, type PostgresServer, type RabbitServer } from './services.js';

export type SuiteTest = '1' | '2' | '3' | '4' | '5' | '6' | '7' | 'layout' | 'interop';

let postgres: PostgresServer;
let rabbit: RabbitServer;
let repo: FixtureRepo;
let work: string;

export function distributedSuite(only: readonly SuiteTest[]): void {
  const when = (key: SuiteTest, name: string, options: { timeout: number }, fn: () => Promise<void>): void => {
    if (only.includes(key)) void test(name, options, fn);
  };
  const skip = postgresAvailable() ?? rabbitAvailable();
  before(async () => {
    if (skip) return;
    [postgres, rabbit] = await Promise.all([startPostgres(), startRabbit()]);
    repo = await makeRepo({ 'README.md': '# demo\n', 'src/index.js': 'console.log(1);\n' }, { git: true, name: 'demo' });
    work = mkdtempSync(join(tmpdir(), 'oc-dist-'));
  });

  after(async () => {
    if (skip) return;
    await Promise.all([postgres?.destroy(), rabbit?.destroy()]);
    await repo?.cleanup();
    rmSync(work, { recursive: true, force: true });
  });

  if (skip) {
    void test('distributed mode fault tests', (t) => t.skip(skip));
  } else {
    when('1', '1. 300 tasks through 1 serve + 3 agents: all succeed, one result each, callbacks delivered', { timeout: 600_000 }, async () => {
      const receiver = await startReceiver();
      const cluster = await startCluster({ postgres, rabbit, agents: 3, concurrency: 2, workDir: work });
      try {
        const ids = await submitMany(cluster, 300, { commands: ['readme-checker', 'binary-checker'], project_url: repo.dir, callback_url: receiver.url });
        assert.equal(new Set(ids).size, 300);
        const tasks = await assertAllDone(cluster, receiver, ids, 480_000);
        const agentsUsed = new Set(tasks.map((task) => task.agent));
        assert.ok(agentsUsed.size >= 2, `work spread over agents: ${[...agentsUsed].join(', ')}`);
        // The registry shows the three agents active, with the commands they can run.
        const response = await fetch(`${cluster.apiUrl}/agents`, { headers: { authorization: `Bearer ${cluster.token}` } });
        const body = (await response.json()) as { agents: { status: string; commands: string[] }[] };
        assert.equal(body.agents.filter((agent) => agent.status === 'active').length, 3);
        assert.ok(body.agents[0]?.commands.includes('readme-checker'));
        const queue = (await (await fetch(`${cluster.apiUrl}/queue`, { headers: { authorization: `Bearer ${cluster.token}` } })).json()) as {
          backend: string;
          queue: { depth: number; consumers: number };
        };
        assert.equal(queue.backend, 'rabbitmq');
        assert.equal(queue.queue.depth, 0);
        assert.equal(queue.queue.consumers, 3);
      } finally {
        await cluster.stop();
        await receiver.close();
      }
    });

    when('2', '2. kill -9 of an agent mid-task: the task is redelivered and completed by another agent', { timeout: 180_000 }, async () => {
      const receiver = await startReceiver();
      const gitServer = await startGatedGitServer(bareServedRepo());
      const cluster = await startCluster({ postgres, rabbit, agents: 2, workDir: work });
      try {
        const { taskId, running, runner } = await heldTask(cluster, gitServer.url, receiver);
        const victim = runner ?? cluster.agents[0];
        assert.ok(victim);
        await victim.kill('SIGKILL');
        // The broker sees the connection drop and redelivers to the surviving agent, which finds the task running.
        await waitFor(() => cluster.store.getTask(taskId), (task) => (task?.attempts ?? 0) >= 2, 60_000, 'second attempt');
        gitServer.open();
        const [task] = await assertAllDone(cluster, receiver, [taskId], 60_000);
        assert.notEqual(task?.agent, running?.agent);
      } finally {
        gitServer.open();
        await cluster.stop();
        await gitServer.close();
        await receiver.close();
      }
    });

    when('3', '3. RabbitMQ stopped and restarted: 503 during the outage, no accepted task lost, agents reconnect', { timeout: 300_000 }, async () => {
      const receiver = await startReceiver();
      const cluster = await startCluster({ postgres, rabbit, agents: 2, workDir: work });
      try {
        const before = await submitMany(cluster, 40, { commands: ['readme-checker'], project_url: repo.dir, callback_url: receiver.url });
        await rabbit.stop();
        const during = await cluster.submit({ commands: ['readme-checker'], project_url: repo.dir, callback_url: receiver.url });
        assert.equal(during.status, 503, JSON.stringify(during.body));
        assert.equal(during.body.code, 'OC_ERR_QUEUE_UNAVAILABLE');
        await rabbit.start();
        // The API reconnects by itself: submissions are accepted again.
        await waitFor(
          () => cluster.submit({ commands: ['readme-checker'], project_url: repo.dir, callback_url: receiver.url }),
          (r) => r.status === 200,
          120_000,
          'API accepting again',
        ).then((r) => before.push(r.body.task_id as string));
        await assertAllDone(cluster, receiver, before, 180_000);
        // The task refused during the outage was never stored.
        const all = await cluster.store.countTasksByStatus();
        assert.equal(Object.values(all).reduce((a, b) => a + b, 0), before.length);
      } finally {
        await cluster.stop();
        await receiver.close();
      }
    });

    when('4', '4. PostgreSQL restarted mid-run: API and agents recover; no acknowledged task lacks its result', { timeout: 300_000 }, async () => {
      const receiver = await startReceiver();
      const cluster = await startCluster({ postgres, rabbit, agents: 2, concurrency: 2, workDir: work });
      try {
        const ids = await submitMany(cluster, 40, { commands: ['readme-checker'], project_url: repo.dir, callback_url: receiver.url });
        await postgres.stop();
        const during = await cluster.submit({ commands: ['readme-checker'], project_url: repo.dir });
        assert.equal(during.status, 503, JSON.stringify(during.body));
        await new Promise((resolve) => setTimeout(resolve, 2000));
        await postgres.start();
        const again = await waitFor(
          () => cluster.submit({ commands: ['readme-checker'], project_url: repo.dir, callback_url: receiver.url }),
          (r) => r.status === 200,
          60_000,
          'API accepting again',
        );
        ids.push(again.body.task_id as string);
        await assertAllDone(cluster, receiver, ids, 180_000);
      } finally {
        await cluster.stop();
        await receiver.close();
      }
    });

    when('5', '5. callback receiver down for a while: retried with backoff, results readable meanwhile, delivered later', { timeout: 180_000 }, async () => {
      const receiver = await startReceiver(Array.from({ length: 12 }, () => 503));
      const cluster = await startCluster({ postgres, rabbit, agents: 1, workDir: work });
      try {
        const ids = await submitMany(cluster, 3, { commands: ['readme-checker'], project_url: repo.dir, callback_url: receiver.url }, 1);
        const pending = await cluster.waitForTasks(ids, (task) => task.status === 'succeeded' && task.callback.attempts >= 2, 60_000);
        for (const task of pending) {
          // Readable through the API while the callback is still being retried.
          const response = await fetch(`${cluster.apiUrl}/tasks/${task.taskId}`, { headers: { authorization: `Bearer ${cluster.token}` } });
          const view = (await response.json()) as { status: string; scan_results: Record<string, unknown> };
          assert.equal(view.status, 'succeeded');
          assert.ok(view.scan_results['readme-checker']);
        }
        const done = await assertAllDone(cluster, receiver, ids, 120_000);
        assert.ok(done.some((task) => task.callback.attempts > 1), 'deliveries were retried');
      } finally {
        await cluster.stop();
        await receiver.close();
      }
    });

    when('6', '6. poison messages and a task that crashes its agent every time both end in dead_letters', { timeout: 300_000 }, async () => {
      const receiver = await startReceiver();
      const cluster = await startCluster({
        postgres,
        rabbit,
        agents: 2,
        workDir: work,
        env: { OPENCHECKER_FAILPOINTS: 'agent-crash-on-project=crashme', OPENCHECKER_OPENCHECK_TASK_MAX_ATTEMPTS: '2' },
      });
      // A supervisor, as Kubernetes would be: agents that die are replaced.
      let supervising = true;
      const supervisor = (async () => {
        while (supervising) {
          for (const agent of [...cluster.agents]) {
            if (agent.child.exitCode !== null || agent.child.signalCode !== null) {
              cluster.agents.splice(cluster.agents.indexOf(agent), 1);
              if (supervising) await cluster.startAgent();
            }
          }
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      })();
      const connection = await amqp.connect(cluster.amqpUrl);
      try {
        const channel = await connection.createConfirmChannel();
        const poison = [
          'this is not json',
          JSON.stringify({ command_list: ['readme-checker'], callback_url: null, task_metadata: {} }),
          JSON.stringify({ command_list: ['no-such-command'], project_url: repo.dir, callback_url: null, task_metadata: {} }),
        ];
        for (const body of poison) channel.sendToQueue('opencheck', Buffer.from(body), { persistent: true });
        await channel.waitForConfirms();
        // An upstream-format message (no task_id), as the Python main publishes it, is processed and called back.
        const upstream = { command_list: ['readme-checker'], project_url: repo.dir, commit_hash: null, access_token: null, callback_url: receiver.url, task_metadata: { version_number: 'None', from: 'python' } };
        channel.sendToQueue('opencheck', Buffer.from(JSON.stringify(upstream)));
        await channel.waitForConfirms();

        const crashRepo = await makeRepo({ 'README.md': '# crash\n' }, { git: true, name: 'crashme' });
        try {
          const response = await cluster.submit({ commands: ['readme-checker', 'binary-checker'], project_url: crashRepo.dir, callback_url: receiver.url });
          const taskId = response.body.task_id as string;
          const [dead] = await cluster.waitForTasks([taskId], (task) => task.status === 'dead_lettered' && task.callback.status === 'delivered', 180_000);
          assert.match(dead?.error ?? '', /delivered 3 times without finishing \(limit 2\)/);
          // The client is never left waiting: its callback came with every command's error.
          const callback = receiver.received.map((r) => JSON.parse(r.body) as { task_id: string; scan_results: Record<string, { error?: string }> }).find((b) => b.task_id === taskId);
          assert.ok(callback);
          assert.match(callback.scan_results['readme-checker']?.error ?? '', /dead-lettered/);
          assert.match(callback.scan_results['binary-checker']?.error ?? '', /dead-lettered/);

          await waitFor(() => rabbitDeadLetters(cluster), (n) => n === 4, 30_000, 'four dead letters');
          const upstreamCallback = await waitFor(
            async () => receiver.received.map((r) => JSON.parse(r.body) as { task_metadata: { from?: string }; scan_results: Record<string, unknown> }).find((b) => b.task_metadata.from === 'python'),
            (b) => b !== undefined,
            60_000,
            'upstream-format callback',
          );
          assert.ok(upstreamCallback?.scan_results['readme-checker']);

          // Operators see each dead letter with its reason, and the crashing task by id.
          const listed = await cluster.cli(['queue', 'dlq', 'list', '--json']);
          assert.equal(listed.code, 0, listed.stderr);
          const letters = JSON.parse(listed.stdout.trim().split('\n').at(-1) ?? '[]') as { taskId: string | null; reason: string | null }[];
          assert.equal(letters.length, 4);
          assert.ok(letters.some((letter) => letter.reason?.includes('not valid JSON') || letter.reason?.includes('JSON')));
          assert.ok(letters.some((letter) => letter.reason?.includes('project_url')));
          assert.ok(letters.some((letter) => letter.reason?.includes('no-such-command')));
          assert.ok(letters.some((letter) => letter.taskId === taskId && letter.reason?.includes('without finishing')));
          const purge = await cluster.cli(['queue', 'dlq', 'purge', '--yes']);
          assert.equal(purge.code, 0, purge.stderr);
          assert.equal(await rabbitDeadLetters(cluster), 0);
        } finally {
          await crashRepo.cleanup();
        }
      } finally {
        supervising = false;
        await supervisor;
        await connection.close();
        await cluster.stop();
        await receiver.close();
      }
    });

    when('7', '7. SIGTERM to an agent during a long task: handed back gracefully, completed elsewhere', { timeout: 180_000 }, async () => {
      const receiver = await startReceiver();
      const gitServer = await startGatedGitServer(bareServedRepo());
      const cluster = await startCluster({ postgres, rabbit, agents: 2, workDir: work });
      try {
        const { taskId, running, runner: victim } = await heldTask(cluster, gitServer.url, receiver);
        assert.ok(victim, 'the agent running the task');
        const code = await victim.kill('SIGTERM');
        assert.equal(code, 0, victim.output());
        assert.match(victim.output(), /handed back/);
        gitServer.open();
        const [task] = await assertAllDone(cluster, receiver, [taskId], 60_000);
        assert.notEqual(task?.agent, running?.agent);
        assert.equal(task?.attempts, 1, 'a graceful hand-back does not count as an attempt');
      } finally {
        gitServer.open();
        await cluster.stop();
        await gitServer.close();
        await receiver.close();
      }
    });

    when('layout', 'queues declared non-durable by the Python version: used as they are with a warning, then migrated without losing messages', { timeout: 120_000 }, async () => {
      const vhost = `legacy${process.pid}`;
      rabbit.ctl('add_vhost', vhost);
      rabbit.ctl('set_permissions', '-p', vhost, 'guest', '.*', '.*', '.*');
      const url = `${rabbit.url}/${vhost}`;
      // What the Python main declares: both queues non-durable, upstream's arguments on opencheck.
      const python = await amqp.connect(url);
      const channel = await python.createChannel();
      await channel.assertQueue('dead_letters', { durable: false });
      await channel.assertQueue('opencheck', { durable: false, arguments: WORK_QUEUE_ARGUMENTS });
      for (let index = 0; index < 5; index++) channel.sendToQueue('opencheck', Buffer.from(JSON.stringify({ n: index })));
      await channel.close();
      await python.close();

      const warnings: string[] = [];
      const log = createLogger('warn');
      const spy = Object.assign(Object.create(log) as typeof log, {
        warn: (...args: unknown[]) => {
          warnings.push(args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
        },
        child: () => spy,
      });
      const queue = await RabbitQueue.connect({ url, heartbeatS: 5, log: spy });
      try {
        assert.equal(queue.layout, 'legacy');
        assert.ok(warnings.some((w) => w.includes('LOST if RabbitMQ restarts') && w.includes('queue migrate')));
        await queue.publish({ command_list: ['readme-checker'], project_url: repo.dir, commit_hash: null, access_token: null, callback_url: null, task_metadata: {}, task_id: 'kept' });
        assert.equal((await queue.stats()).ready, 6);
        const outcome = await queue.migrateLayout(() => undefined);
        assert.deepEqual(outcome.map((entry) => entry.changed), [true, true]);
        assert.equal((await queue.stats()).ready, 6, 'every message kept');
      } finally {
        await queue.close();
      }
      // Now durable: a fresh connection declares the same layout without a warning, and messages survive a broker restart.
      const again = await RabbitQueue.connect({ url, heartbeatS: 5, log: createLogger('silent') });
      assert.equal(again.layout, 'durable');
      await again.close();
    });

    when('interop', 'our messages carry every upstream key (a Python agent can consume them); dead letters keep their reason', { timeout: 60_000 }, async () => {
      const vhost = `interop${process.pid}`;
      rabbit.ctl('add_vhost', vhost);
      rabbit.ctl('set_permissions', '-p', vhost, 'guest', '.*', '.*', '.*');
      const url = `${rabbit.url}/${vhost}`;
      const queue = await RabbitQueue.connect({ url, heartbeatS: 5, log: createLogger('silent') });
      const connection = await amqp.connect(url);
      try {
        await queue.publish({ command_list: ['readme-checker'], project_url: 'https://github.com/acme/demo', commit_hash: null, access_token: null, callback_url: 'https://cb.example.test/x', task_metadata: { version_number: 'v1' }, task_id: 't-1' });
        const channel = await connection.createChannel();
        const message = await channel.get('opencheck', { noAck: true });
        assert.ok(message);
        assert.equal(message.properties.deliveryMode, 2, 'persistent');
        const body = JSON.parse(message.content.toString()) as Record<string, unknown>;
        for (const key of ['command_list', 'project_url', 'commit_hash', 'access_token', 'callback_url', 'task_metadata']) assert.ok(key in body, key);
        // A rejected delivery lands in dead_letters with its reason.
        const consumer = await queue.consume(async (delivery) => delivery.reject('bad: testing'), { concurrency: 1, consumerTag: 'interop' });
        await queue.publish({ command_list: [], project_url: 'x', commit_hash: null, access_token: null, callback_url: null, task_metadata: {}, task_id: 't-2' });
        await waitFor(() => queue.stats(), (stats) => stats.deadLetters === 1, 10_000, 'dead letter');
        await consumer.stop(1000);
        const dead = await channel.get('dead_letters', { noAck: true });
        assert.ok(dead);
        assert.equal((dead.properties.headers as Record<string, unknown>)[REASON_HEADER], 'bad: testing');
        await channel.close();
      } finally {
        await connection.close();
        await queue.close();
      }
    });
  }
}

/** Task ids that reached the receiver, counted. */
/** Submits a task whose clone the gated git server holds; answers once it runs, with the agent running it. */
async function heldTask(cluster: Cluster, projectUrl: string, receiver: Receiver): Promise<{ taskId: string; running: TaskRecord | undefined; runner: ClusterProcess | undefined }> {
  const response = await cluster.submit({ commands: ['readme-checker'], project_url: projectUrl, callback_url: receiver.url });
  const taskId = response.body.task_id as string;
  const [running] = await cluster.waitForTasks([taskId], (task) => task.status === 'running', 60_000);
  return { taskId, running, runner: cluster.agents.find((agent) => running?.agent && agent.output().includes(running.agent)) };
}

function callbacksByTask(receiver: Receiver): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { body } of receiver.received) {
    const taskId = (JSON.parse(body) as { task_id?: string }).task_id;
    if (taskId) counts.set(taskId, (counts.get(taskId) ?? 0) + 1);
  }
  return counts;
}

async function assertAllDone(cluster: Cluster, receiver: Receiver, taskIds: readonly string[], timeoutMs: number, status: TaskRecord['status'] = 'succeeded'): Promise<TaskRecord[]> {
  const tasks = await cluster.waitForTasks(taskIds, (task) => task.status === status && task.callback.status === 'delivered', timeoutMs);
  for (const task of tasks) {
    assert.equal(task.status, status, `${task.taskId}: ${task.error ?? ''}`);
    assert.ok(task.scanResults, `${task.taskId} has its result stored`);
  }
  // Exactly one result row per task: the task ids are unique rows, and no task appears twice.
  const page = await cluster.store.listTasks({ limit: taskIds.length + 50 });
  const ids = page.tasks.map((task) => task.taskId);
  assert.equal(new Set(ids).size, ids.length);
  const callbacks = callbacksByTask(receiver);
  for (const taskId of taskIds) assert.ok((callbacks.get(taskId) ?? 0) >= 1, `callback delivered for ${taskId}`);
  return tasks;
}

async function submitMany(cluster: Cluster, count: number, body: Record<string, unknown>, parallel = 10): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) {
        next += 1;
        const response = await cluster.submit(body);
        assert.equal(response.status, 200, JSON.stringify(response.body));
        ids.push(response.body.task_id as string);
      }
    }),
  );
  return ids;
}

function bareServedRepo(): string {
  const bare = join(mkdtempSync(join(work, 'bare-')), 'repo.git');
  execFileSync('git', ['clone', '--quiet', '--bare', repo.dir, bare]);
  execFileSync('git', ['-C', bare, 'update-server-info']);
  return bare;
}

async function rabbitDeadLetters(cluster: Cluster): Promise<number> {
  const connection = await amqp.connect(cluster.amqpUrl);
  try {
    const channel = await connection.createChannel();
    const { messageCount } = await channel.checkQueue('dead_letters');
    await channel.close();
    return messageCount;
  } finally {
    await connection.close();
  }
}
