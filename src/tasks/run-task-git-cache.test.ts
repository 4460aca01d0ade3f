import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitRepoCache } from '../lib/git-cache/index.js';
import { silentLogger } from '../lib/log.js';
import { makeRepo, makeTask, testConfig, type FixtureRepo } from '../../test/support/fixtures.js';
import { parseRepoRef } from './repo-ref.js';
import { runTask, type RunTaskOptions } from './run-task.js';

describe('runTask with the git cache', () => {
  let repo: FixtureRepo;
  let work: string;
  const config = testConfig();

  before(async () => {
    repo = await makeRepo({ 'README.md': '# hi\n', MAINTAINERS: 'me\n', 'src/app.js': 'console.log(1)\n', 'LICENSE': 'MIT License\n' }, { git: true, name: 'demo' });
    repo.git('tag', 'v1');
    await rm(join(repo.dir, 'MAINTAINERS'));
    repo.git('commit', '--quiet', '--all', '-m', 'no maintainers');
    work = await mkdtemp(join(tmpdir(), 'oc-run-task-cache-'));
  });
  after(async () => {
    await repo.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  const options = (commands: string[], overrides: Partial<RunTaskOptions> = {}): RunTaskOptions => ({
    task: makeTask({ projectUrl: repo.dir, repoName: 'demo' }),
    commands,
    source: { clone: parseRepoRef(repo.dir) },
    makeWorkspace: () => mkdtemp(join(work, 'ws-')),
    allowLocalRepos: true,
    config,
    configDir: work,
    log: silentLogger(),
    ...overrides,
  });
  const newCache = (): GitRepoCache => new GitRepoCache({ root: join(work, `cache-${Math.random().toString(36).slice(2)}`), maxBytes: 1 << 30 });

  test('results are the same with and without the cache, at HEAD, at a tag and with full history; the fetch is reported', async () => {
    const cache = newCache();
    const commands = ['readme-checker', 'maintainers-checker', 'binary-checker', 'languages-detector', 'changed-files-since-commit-detector'];
    const first = repo.git('rev-list', '--max-parents=0', 'HEAD').trim();
    for (const task of [makeTask({ projectUrl: repo.dir, repoName: 'demo', commitHash: first }), makeTask({ projectUrl: repo.dir, repoName: 'demo', versionNumber: 'v1', commitHash: first })]) {
      const plain = await runTask(options(commands, { task }));
      const cached = await runTask(options(commands, { task, gitCache: cache }));
      const again = await runTask(options(commands, { task, gitCache: cache }));
      assert.equal(plain.status, 'succeeded');
      assert.deepEqual(cached.scanResults, plain.scanResults);
      assert.deepEqual(again.scanResults, plain.scanResults);
      assert.equal(plain.fetch?.how, 'clone-uncached');
      assert.equal(again.fetch?.how, 'reused');
    }
    assert.ok(JSON.stringify((await runTask(options(commands, { gitCache: cache }))).scanResults).includes('demo/README.md'));
  });

  test('a worktree plan works from the cache and writes the files into the workspace only', async () => {
    const cache = newCache();
    const made: string[] = [];
    const makeWorkspace = async (): Promise<string> => {
      const dir = await mkdtemp(join(work, 'ws-'));
      made.push(dir);
      return dir;
    };
    const plain = await runTask(options(['oat-scanner', 'readme-checker'], { makeWorkspace }));
    const cached = await runTask(options(['oat-scanner', 'readme-checker'], { makeWorkspace, gitCache: cache }));
    assert.deepEqual(cached.scanResults, plain.scanResults);
    assert.equal(cached.fetch?.how, 'clone');
    assert.deepEqual((await readdir(join(made[1] ?? '', 'demo'))).sort(), ['.git', 'LICENSE', 'README.md', 'src']);
  });

  test('a cache that cannot be used (its folder is a file) falls back to a clone', async () => {
    const blocked = join(work, 'not-a-folder');
    await writeFile(blocked, 'x');
    const cache = new GitRepoCache({ root: blocked, maxBytes: 1 << 30 });
    const run = await runTask(options(['readme-checker'], { gitCache: cache }));
    assert.equal(run.status, 'succeeded');
    assert.deepEqual(run.scanResults, { 'readme-checker': { readme_file: ['demo/README.md'] } });
    assert.equal(run.fetch?.how, 'clone-uncached');
  });

  test('what the remote refuses fails the task as a clone would', async () => {
    const cache = newCache();
    const run = await runTask(options(['readme-checker'], { gitCache: cache, source: { clone: parseRepoRef(join(work, 'missing')) } }));
    assert.equal(run.status, 'failed');
    assert.match(run.error ?? '', /^git clone failed: /);
    const refused = await runTask(options(['readme-checker'], { gitCache: cache, allowLocalRepos: false }));
    assert.equal(refused.status, 'failed');
  });
});
