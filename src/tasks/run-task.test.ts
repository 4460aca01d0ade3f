import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitRepoCache } from '../lib/git-cache/index.js';
import { silentLogger } from '../lib/log.js';
import { makeRepo, makeTask, testConfig, type FixtureRepo } from '../../test/support/fixtures.js';
import { makeGitBomb } from '../../test/support/git-bomb.js';
import { parseRepoRef } from './repo-ref.js';
import { clonePlan, runTask, type RunTaskOptions } from './run-task.js';

describe('runTask', () => {
  let repo: FixtureRepo;
  let work: string;
  const config = testConfig();

  before(async () => {
    repo = await makeRepo({ 'README.md': '# hi\n', MAINTAINERS: 'me\n' }, { git: true, name: 'demo' });
    repo.git('tag', 'v1');
    await rm(join(repo.dir, 'MAINTAINERS'));
    repo.git('commit', '--quiet', '--all', '-m', 'no maintainers');
    work = await mkdtemp(join(tmpdir(), 'oc-run-task-'));
  });
  after(async () => {
    await repo.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  /** Options for a task on the fixture; the workspace made (if any) is reported through `made`. */
  const options = (commands: string[], made: string[], overrides: Partial<RunTaskOptions> = {}): RunTaskOptions => ({
    task: makeTask({ projectUrl: repo.dir, repoName: 'demo' }),
    commands,
    source: { clone: parseRepoRef(repo.dir) },
    makeWorkspace: async () => {
      const dir = await mkdtemp(join(work, 'ws-'));
      made.push(dir);
      return dir;
    },
    allowLocalRepos: true,
    config,
    configDir: work,
    log: silentLogger(),
    ...overrides,
  });

  test('the plan follows the commands declared requirements', () => {
    assert.deepEqual(clonePlan(['url-checker']), { needed: false, fullHistory: false, worktree: false });
    assert.deepEqual(clonePlan(['readme-checker', 'url-checker']), { needed: true, fullHistory: false, worktree: false });
    assert.deepEqual(clonePlan(['readme-checker', 'changed-files-since-commit-detector']), { needed: true, fullHistory: true, worktree: false });
    assert.deepEqual(clonePlan(['oat-scanner']), { needed: true, fullHistory: false, worktree: true });
    assert.deepEqual(clonePlan(['no-such-command']), { needed: false, fullHistory: false, worktree: false });
  });

  test('clones without a worktree, runs the commands, reports progress and the checker versions', async () => {
    const made: string[] = [];
    const cloned: number[] = [];
    const done: string[] = [];
    const run = await runTask(
      options(['readme-checker', 'maintainers-checker', 'readme-checker', 'no-such-command'], made, {
        onCloned: (seconds) => cloned.push(seconds),
        onCommandDone: (command, outcome) => done.push(`${command}:${outcome}`),
      }),
    );
    assert.equal(run.status, 'succeeded');
    assert.equal(run.error, null);
    assert.deepEqual(run.scanResults, {
      'readme-checker': { readme_file: ['demo/README.md'] },
      'maintainers-checker': { maintainers_file: [] },
      'no-such-command': { error: 'no-such-command is not available in this version of OpenChecker' },
    });
    assert.deepEqual(Object.keys(run.commandVersions), ['readme-checker', 'maintainers-checker', 'no-such-command']);
    assert.equal(typeof run.commandVersions['readme-checker'], 'number');
    assert.equal(run.commandVersions['no-such-command'], null);
    assert.equal(cloned.length, 1);
    assert.deepEqual(done.sort(), ['maintainers-checker:ok', 'no-such-command:unavailable', 'readme-checker:ok']);
    assert.equal(made.length, 1);
    assert.deepEqual(await readdir(join(made[0] ?? '', 'demo')), ['.git'], 'read through git objects: no files written');
  });

  test('clones at the task version', async () => {
    const made: string[] = [];
    const run = await runTask(options(['maintainers-checker'], made, { task: makeTask({ projectUrl: repo.dir, repoName: 'demo', versionNumber: 'v1' }) }));
    assert.deepEqual(run.scanResults, { 'maintainers-checker': { maintainers_file: ['demo/MAINTAINERS'] } });
  });

  test('writes a worktree only when a command asks for one', async () => {
    const made: string[] = [];
    const run = await runTask(options(['oat-scanner'], made));
    assert.equal(run.status, 'succeeded');
    assert.deepEqual((await readdir(join(made[0] ?? '', 'demo'))).sort(), ['.git', 'README.md']);
  });

  test('commands that need no files are run without a clone or a workspace', async () => {
    const made: string[] = [];
    const run = await runTask(options(['url-checker'], made));
    assert.equal(run.status, 'succeeded');
    assert.deepEqual(made, []);
  });

  test('a folder is read in place, as it is on disk', async () => {
    const made: string[] = [];
    const run = await runTask(options(['readme-checker', 'maintainers-checker'], made, { source: { folder: repo.dir } }));
    assert.deepEqual(run.scanResults, { 'readme-checker': { readme_file: ['demo/README.md'] }, 'maintainers-checker': { maintainers_file: [] } });
    assert.deepEqual(made, []);
  });

  test('a failed clone fails the task with the reason as every command result', async () => {
    const made: string[] = [];
    const run = await runTask(options(['readme-checker', 'binary-checker'], made, { source: { clone: parseRepoRef(join(work, 'missing')) } }));
    assert.equal(run.status, 'failed');
    assert.match(run.error ?? '', /^git clone failed: /);
    assert.deepEqual(run.scanResults, { 'readme-checker': { error: run.error }, 'binary-checker': { error: run.error } });
    assert.equal(typeof run.commandVersions['binary-checker'], 'number');
  });

  test('local repositories are refused unless allowed', async () => {
    const run = await runTask(options(['readme-checker'], [], { allowLocalRepos: false }));
    assert.equal(run.status, 'failed');
  });
});

test('a git bomb fails the task with "repository too large" for every command, in bounded time, and writes no files, with and without the git cache', async () => {
  const bomb = await makeGitBomb({ levels: 6, fanout: 10, name: 'bomb' });
  const work = await mkdtemp(join(tmpdir(), 'oc-run-task-bomb-'));
  const config = testConfig({ OPENCHECKER_OPENCHECK_REPO_MAX_FILES: '5000' });
  const gitCache = new GitRepoCache({ root: join(work, 'git-cache'), maxBytes: 1 << 30 });
  try {
    // readme-checker reads git's objects; oat-scanner needs a worktree (checked before any file is written).
    for (const [commands, cache] of [['readme-checker', 'scancode'], ['oat-scanner', 'readme-checker']].flatMap((list) => [[list, null] as const, [list, gitCache] as const])) {
      const workspace = await mkdtemp(join(work, 'ws-'));
      const started = performance.now();
      const run = await runTask({
        task: makeTask({ projectUrl: bomb.dir, repoName: 'bomb' }),
        commands,
        source: { clone: parseRepoRef(bomb.dir) },
        makeWorkspace: async () => workspace,
        allowLocalRepos: true,
        config,
        configDir: work,
        log: silentLogger(),
        ...(cache ? { gitCache: cache } : {}),
      });
      const label = `${commands.join(',')}${cache ? ' (git cache)' : ''}`;
      assert.ok(performance.now() - started < 20_000, `${label} took ${performance.now() - started} ms`);
      assert.equal(run.status, 'failed', label);
      assert.equal(run.error, 'repository too large: more than 5000 files (limit [OpenCheck] repo_max_files)', label);
      assert.deepEqual(run.scanResults, Object.fromEntries(commands.map((command) => [command, { error: run.error }])), label);
      assert.deepEqual(await readdir(join(workspace, 'bomb')), ['.git'], label);
    }
  } finally {
    await bomb.cleanup();
    await rm(work, { recursive: true, force: true });
  }
});
