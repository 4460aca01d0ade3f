import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/load.js';
import { silentLogger } from '../lib/log.js';
import { EmbeddedBackend } from '../tasks/backend.js';
import { Agent } from './worker.js';
import { claimWorkspace, ownerRecordPath, sweepWorkspaces } from './workspace-sweep.js';

const HOUR = 3600_000;
const log = silentLogger();

/**
 * A child process that claims a workspace the way an agent does, writes a "clone" into it, reports, and then
 * works for ever: the parent kills it with SIGKILL, as the OOM killer or `kill -9` would mid-task.
 */
async function childAgent(workspace: string): Promise<ChildProcess> {
  const sweepModule = new URL('./workspace-sweep.js', import.meta.url).href;
  const script = `
    const { claimWorkspace } = await import(${JSON.stringify(sweepModule)});
    const { mkdir, writeFile } = await import('node:fs/promises');
    const workspace = ${JSON.stringify(workspace)};
    await claimWorkspace(workspace, 'child-agent');
    await mkdir(workspace + '/demo/.git', { recursive: true });
    await writeFile(workspace + '/demo/.git/packfile', Buffer.alloc(64 * 1024));
    process.stdout.write('ready\\n');
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout as NodeJS.ReadableStream, 'data')) as [Buffer];
  assert.equal(chunk.toString().trim(), 'ready');
  return child;
}

async function killed(child: ChildProcess): Promise<void> {
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

describe('start-up sweep of workspaces left by killed agents', () => {
  let reposDir: string;

  before(async () => {
    reposDir = await mkdtemp(join(tmpdir(), 'oc-sweep-'));
  });
  after(() => rm(reposDir, { recursive: true, force: true }));

  test('the workspace of an agent killed mid-task is removed; a living agent\'s is kept', async () => {
    const dead = join(reposDir, 'task-1', 'child-agent-0000dead');
    const living = join(reposDir, 'task-2', 'child-agent-0000beef');
    const victim = await childAgent(dead);
    const survivor = await childAgent(living);
    try {
      await killed(victim);
      const report = await sweepWorkspaces(reposDir, { log, staleAfterMs: 24 * HOUR });
      assert.deepEqual(report.removed, ['task-1/child-agent-0000dead']);
      assert.equal(report.kept, 1);
      assert.deepEqual(await readdir(reposDir), ['task-2'], 'the dead task\'s folder is gone with its workspace and owner record');
      assert.deepEqual((await readdir(join(reposDir, 'task-2'))).sort(), ['child-agent-0000beef', 'child-agent-0000beef.owner.json']);
    } finally {
      await killed(survivor);
    }
    assert.deepEqual((await sweepWorkspaces(reposDir, { log, staleAfterMs: 24 * HOUR })).removed, ['task-2/child-agent-0000beef']);
    assert.deepEqual(await readdir(reposDir), []);
  });

  test('this process\'s running tasks are kept; an earlier process with the same pid (a restarted container) is not', async () => {
    const mine = join(reposDir, 'task-3', 'me-11111111');
    await claimWorkspace(mine, 'me');
    await mkdir(mine);
    const earlier = join(reposDir, 'task-3', 'me-22222222');
    await mkdir(earlier);
    await writeFile(ownerRecordPath(earlier), JSON.stringify({ agentId: 'me', hostname: hostname(), pid: process.pid, instance: 'an-earlier-process', createdAt: new Date().toISOString() }));
    const report = await sweepWorkspaces(reposDir, { log, staleAfterMs: 24 * HOUR });
    assert.deepEqual(report.removed, ['task-3/me-22222222']);
    assert.deepEqual((await readdir(join(reposDir, 'task-3'))).sort(), ['me-11111111', 'me-11111111.owner.json']);
    await rm(join(reposDir, 'task-3'), { recursive: true });
  });

  test('on a shared folder, other hosts\' workspaces follow the registry, or their age when it does not know them', async () => {
    const record = (agentId: string): string => JSON.stringify({ agentId, hostname: 'another-host.invalid', pid: 1, instance: 'x', createdAt: new Date().toISOString() });
    for (const agentId of ['stopped', 'running', 'unknown']) {
      const workspace = join(reposDir, `task-${agentId}`, `${agentId}-33333333`);
      await mkdir(workspace, { recursive: true });
      await writeFile(ownerRecordPath(workspace), record(agentId));
    }
    const registry = (agentId: string): 'alive' | 'gone' | null => (agentId === 'stopped' ? 'gone' : agentId === 'running' ? 'alive' : null);
    assert.deepEqual((await sweepWorkspaces(reposDir, { log, staleAfterMs: 24 * HOUR, registry })).removed, ['task-stopped/stopped-33333333']);
    const tomorrow = Date.now() + 25 * HOUR;
    assert.deepEqual((await sweepWorkspaces(reposDir, { log, staleAfterMs: 24 * HOUR, registry, now: tomorrow })).removed, ['task-unknown/unknown-33333333']);
    assert.deepEqual(await readdir(reposDir), ['task-running']);
    await rm(join(reposDir, 'task-running'), { recursive: true });
  });

  test('workspaces without an owner record go by age; what does not look like a workspace is never touched', async () => {
    const old = join(reposDir, 'task-4', 'old-agent-44444444');
    const young = join(reposDir, 'task-4', 'young-agent-55555555');
    await mkdir(old, { recursive: true });
    await mkdir(young, { recursive: true });
    const twoDaysAgo = new Date(Date.now() - 48 * HOUR);
    await utimes(old, twoDaysAgo, twoDaysAgo);
    // repos_dir pointed at a folder holding other things: none of them is a workspace of ours.
    for (const foreign of [join(reposDir, 'task-4', 'notes'), join(reposDir, 'not a task id', 'x-66666666'), join(reposDir, 'cache', 'blobs')]) {
      await mkdir(foreign, { recursive: true });
      await utimes(foreign, twoDaysAgo, twoDaysAgo);
    }
    await writeFile(join(reposDir, 'stray-file'), 'x');
    const report = await sweepWorkspaces(reposDir, { log, staleAfterMs: 24 * HOUR });
    assert.deepEqual(report.removed, ['task-4/old-agent-44444444']);
    assert.deepEqual((await readdir(join(reposDir, 'task-4'))).sort(), ['notes', 'young-agent-55555555']);
    assert.deepEqual((await readdir(reposDir)).sort(), ['cache', 'not a task id', 'stray-file', 'task-4']);
    assert.deepEqual(await readdir(join(reposDir, 'cache')), ['blobs']);
  });

  test('a missing repos_dir is nothing to sweep', async () => {
    assert.deepEqual(await sweepWorkspaces(join(reposDir, 'nope'), { log, staleAfterMs: HOUR }), { removed: [], kept: 0 });
  });
});

test('a new agent removes, as it starts, the workspace of an agent killed mid-task', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'oc-sweep-agent-'));
  const reposDir = join(dir, 'ws');
  const backend = new EmbeddedBackend(join(dir, 'db.sqlite'));
  const { config } = loadConfig({ env: { OPENCHECKER_OPENCHECK_REPOS_DIR: reposDir }, cwd: dir });
  const leftover = join(reposDir, 'abc-123', 'killed-agent-77777777');
  await killed(await childAgent(leftover));
  const agent = new Agent({ backend, config, configDir: dir, log, concurrency: 1, agentId: 'next-agent' });
  try {
    await agent.start();
    const report = await agent.startupSweep;
    assert.deepEqual(report?.removed, ['abc-123/killed-agent-77777777']);
    assert.deepEqual(await readdir(reposDir), []);
  } finally {
    await agent.stop(0);
    await backend.close();
    await rm(dir, { recursive: true, force: true });
  }
});
