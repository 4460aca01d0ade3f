/**
 * Distributed mode shares one result cache (issue 19): 1 serve and 3 agent processes on one PostgreSQL and
 * RabbitMQ (started by the test, as test/support/distributed-suite.ts does). Repositories holding the same files
 * under different folders are scanned one after another (RabbitMQ hands each to the next idle agent) until all
 * three agents have run one. A file analysed by one agent is a hit for the others: the store's
 * counters show every fact written once (writes = stored entries: nothing was analysed twice), and each agent's
 * /metrics shows that only the first task's agent analysed the shared files: every later task, on any agent,
 * found them (hits) and analysed only its own files. Resubmitting the first repository reuses its
 * stored results (reused_from) on whichever agent takes it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TaskRecord } from '../src/store/types.js';
import { cliEntryOf, startCluster, type Cluster } from './support/cluster.js';
import { makeRepo, type FixtureRepo } from './support/fixtures.js';
import { MIT_TEXT } from './support/parity-fixtures.js';
import { freePort, postgresAvailable, rabbitAvailable, startPostgres, startRabbit, type PostgresServer, type RabbitServer } from './support/services.js';

const COMMANDS = ['scancode', 'languages-detector', 'code-count', 'binary-checker', 'license-detector'];
const KINDS = ['fact:licenses', 'fact:languages', 'fact:cloc', 'fact:binary-sniff'];
const SHARED_FILES = 30;

/** Files every repository holds (in its own folder): sources with license headers, a license, a binary. */
function sharedFiles(): Record<string, string | Buffer> {
  const files: Record<string, string | Buffer> = { 'LICENSE.txt': MIT_TEXT };
  for (let i = 0; i < SHARED_FILES - 2; i++) {
    const lang = i % 3 === 0 ? 'py' : i % 3 === 1 ? 'js' : 'go';
    const comment = lang === 'py' ? '#' : '//';
    files[`module${i}.${lang}`] = `${comment} Copyright 2026 Shared Authors\n${comment} SPDX-License-Identifier: ${i % 2 === 0 ? 'MIT' : 'Apache-2.0'}\n${comment} module ${i}\n${lang === 'go' ? `package shared\n\nconst Value${i} = ${i}\n` : `VALUE_${i} = ${i}\n`}`;
  }
  files['tool.bin'] = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(256, 9)]);
  return files;
}

function repoFiles(folder: string, own: string): Record<string, string | Buffer> {
  const files: Record<string, string | Buffer> = { 'README.md': `# ${own}\n\nHolds the shared files in ${folder || 'its root'}.\n`, [`${own}.py`]: `print("${own}")\n` };
  for (const [path, content] of Object.entries(sharedFiles())) files[folder ? `${folder}/${path}` : path] = content;
  return files;
}

/** `openchecker_result_cache_total` of one agent's /metrics, by `kind/outcome`. */
async function cacheMetrics(port: number): Promise<Record<string, number>> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const match of text.matchAll(/^openchecker_result_cache_total\{([^}]*)\} (\d+(?:\.\d+)?)$/gm)) {
    const labels = new Map([...(match[1] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((label): [string, string] => [label[1] ?? '', label[2] ?? '']));
    counts[`${labels.get('kind')}/${labels.get('outcome')}`] = Number(match[2]);
  }
  return counts;
}

const skip = postgresAvailable() ?? rabbitAvailable();
let postgres: PostgresServer;
let rabbit: RabbitServer;
let work: string;
const repos: FixtureRepo[] = [];

before(async () => {
  if (skip) return;
  [postgres, rabbit] = await Promise.all([startPostgres(), startRabbit()]);
  work = mkdtempSync(join(tmpdir(), 'oc-dist-cache-'));
  // The shared files at the root, vendored, in a library folder, ...: the same blobs under other paths.
  const folders = ['', 'vendor/alpha', 'lib/shared', 'third_party/shared', 'pkg/common', 'src/common'];
  for (const [index, folder] of folders.entries()) repos.push(await makeRepo(repoFiles(folder, `repo${index}`), { git: true, name: `repo${index}` }));
});

after(async () => {
  if (skip) return;
  await Promise.all([postgres?.destroy(), rabbit?.destroy()]);
  for (const repo of repos) await repo.cleanup();
  rmSync(work, { recursive: true, force: true });
});

test('3 agents share one result cache: a file analysed by one agent is a hit for the others', { skip: skip ?? false, timeout: 300_000 }, async () => {
  const cli = cliEntryOf(new URL('../src/cli/main.js', import.meta.url), work);
  const cluster: Cluster = await startCluster({ postgres, rabbit, agents: 0, workDir: work, cli });
  try {
    const ports: number[] = [];
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      ports.push(port);
      await cluster.startAgent({ OPENCHECKER_OPENCHECK_AGENT_HEALTH_PORT: String(port) });
    }
    const scan = async (repo: FixtureRepo): Promise<TaskRecord> => {
      const submitted = await cluster.submit({ commands: COMMANDS, project_url: repo.dir });
      assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
      const [task] = await cluster.waitForTasks([submitted.body.task_id as string], (t) => t.status === 'succeeded' || t.status === 'failed', 120_000);
      assert.ok(task && task.status === 'succeeded', task?.error ?? 'no task');
      return task;
    };
    // One at a time, so each agent finds what the previous ones stored; until all three agents have had one
    // (RabbitMQ hands a message to the next idle consumer, so three or four tasks do it).
    const tasks: TaskRecord[] = [];
    for (const repo of repos) {
      tasks.push(await scan(repo));
      if (tasks.length >= 3 && new Set(tasks.map((task) => task.agent)).size === 3) break;
    }
    const agents = tasks.map((task) => task.agent ?? '');
    assert.equal(new Set(agents).size, 3, `the tasks ran on all three agents: ${agents.join(', ')}`);
    for (const task of tasks) {
      for (const command of COMMANDS) {
        const result = task.scanResults?.[command] as Record<string, unknown> | undefined;
        assert.ok(result && !('error' in result), `${command}: ${JSON.stringify(result)}`);
      }
    }

    // Every fact was written once, whichever agent computed it: nothing was analysed twice.
    const stats = await cluster.store.resultCache.stats();
    const counters = new Map(stats.counters.map((c) => [c.kind.split(':').slice(0, 2).join(':'), c]));
    // Stored facts by kind (`licenses:<code digest>`), counters by `fact:<kind>:<code digest>`.
    const entries = new Map(Object.entries(stats.facts).map(([kind, t]) => [`fact:${kind.split(':')[0]}`, t.entries]));
    for (const kind of KINDS) {
      const counts = counters.get(kind);
      assert.ok(counts && counts.writes > 0, `${kind}: ${JSON.stringify(stats.counters)}`);
      assert.equal(counts.writes, entries.get(kind), `${kind} written once per entry: ${JSON.stringify(counts)}`);
      assert.ok(counts.hits > 0, `${kind}: ${JSON.stringify(counts)}`);
    }
    const licenses = counters.get('fact:licenses');
    assert.equal(licenses?.hits, (tasks.length - 1) * SHARED_FILES, JSON.stringify(licenses));

    // Each agent's own counters (its /metrics): the agent of the first task analysed the shared files; every
    // later task, on whichever agent, found their license facts and analysed only its own two files.
    const pidOf = (agentId: string): number => Number(agentId.split('-').at(-2));
    for (const [index, proc] of cluster.agents.entries()) {
      const counts = await cacheMetrics(ports[index] as number);
      const ran = tasks.filter((task) => pidOf(task.agent ?? '') === proc.child.pid);
      const ranFirst = ran.includes(tasks[0] as TaskRecord);
      const later = ran.length - (ranFirst ? 1 : 0);
      const expected = {
        hit: later * SHARED_FILES,
        miss: 2 * ran.length + (ranFirst ? SHARED_FILES : 0),
        write: 2 * ran.length + (ranFirst ? SHARED_FILES : 0),
      };
      const actual = { hit: counts['fact:licenses/hit'] ?? 0, miss: counts['fact:licenses/miss'] ?? 0, write: counts['fact:licenses/write'] ?? 0 };
      assert.deepEqual(actual, expected, `${proc.name} ran ${ran.length} task(s)${ranFirst ? ', the first among them' : ''}`);
      if (!ranFirst) assert.ok(actual.hit >= SHARED_FILES, `${proc.name} found what another agent analysed`);
    }

    // The first repository again: its stored results are reused by whichever agent takes it.
    const again = await scan(repos[0] as FixtureRepo);
    assert.deepEqual(again.reusedFrom, Object.fromEntries(COMMANDS.map((command) => [command, tasks[0]?.taskId])));
    assert.deepEqual(again.scanResults, tasks[0]?.scanResults);
  } finally {
    await cluster.stop();
  }
});
