import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDeepRepo, makeGitBomb } from '../../../test/support/git-bomb.js';
import { GitRepoView } from './git-repo-view.js';
import { DEFAULT_REPO_LIMITS, RepoTooLargeError } from './limits.js';
import { listTree } from './ls-tree.js';
import { FsRepoView } from './repo-view.js';

const tooLarge = (pattern: RegExp) => (err: unknown) => err instanceof RepoTooLargeError && /^repository too large: /.test(err.message) && pattern.test(err.message);

test('a git bomb (8 objects, 10^6 files) is refused while the listing streams, in bounded time', async () => {
  const bomb = await makeGitBomb({ levels: 6, fanout: 10 });
  const view = new GitRepoView(bomb.dir, 'bomb', 'HEAD', { limits: { maxFiles: 2000 } });
  try {
    const started = performance.now();
    await assert.rejects(view.files(), tooLarge(/more than 2000 files \(limit \[OpenCheck\] repo_max_files\)/));
    // git is stopped at the first entry over the limit, not after expanding the million paths.
    assert.ok(performance.now() - started < 5000, `took ${performance.now() - started} ms`);
  } finally {
    await view.close();
    await bomb.cleanup();
  }
});

test('the expanded size and the depth are limits too; a tree within all of them lists whole', async () => {
  const bomb = await makeGitBomb({ levels: 3, fanout: 10, content: Buffer.alloc(64 * 1024, 'x') });
  const deep = await makeDeepRepo(80);
  try {
    await assert.rejects(
      listTree(bomb.dir, 'HEAD', { limits: { ...DEFAULT_REPO_LIMITS, maxTotalBytes: 10 * 1024 * 1024 }, timeoutMs: 30_000 }),
      tooLarge(/add up to more than 10 MiB \(limit \[OpenCheck\] repo_max_total_mb\)/),
    );
    await assert.rejects(listTree(deep.dir, 'HEAD', { limits: DEFAULT_REPO_LIMITS, timeoutMs: 30_000 }), tooLarge(/more than 64 levels deep/));
    const all = await listTree(bomb.dir, 'HEAD', { limits: DEFAULT_REPO_LIMITS, timeoutMs: 30_000 });
    assert.equal(all.length, 1000);
    assert.equal(all[0]?.path, 'd0/d0/f0');
    assert.equal((await listTree(deep.dir, 'HEAD', { limits: { ...DEFAULT_REPO_LIMITS, maxDepth: 80 }, timeoutMs: 30_000 })).length, 1);
  } finally {
    await bomb.cleanup();
    await deep.cleanup();
  }
});

test('git ls-tree has a time limit', async () => {
  const bomb = await makeGitBomb({ levels: 7, fanout: 10 });
  try {
    const started = performance.now();
    await assert.rejects(listTree(bomb.dir, 'HEAD', { limits: { ...DEFAULT_REPO_LIMITS, maxFiles: 1e9 }, timeoutMs: 300 }), /git ls-tree timed out/);
    assert.ok(performance.now() - started < 3000);
  } finally {
    await bomb.cleanup();
  }
});

test('FsRepoView checks the same limits while it walks a folder', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'oc-fs-limits-'));
  try {
    await mkdir(join(dir, 'a', 'b', 'c'), { recursive: true });
    for (let i = 0; i < 20; i++) await writeFile(join(dir, 'a', `f${i}`), 'x'.repeat(100));
    await writeFile(join(dir, 'a', 'b', 'c', 'deep.txt'), 'x');
    await assert.rejects(new FsRepoView(dir, 'x', { limits: { maxFiles: 10 } }).files(), tooLarge(/more than 10 files/));
    await assert.rejects(new FsRepoView(dir, 'x', { limits: { maxTotalBytes: 1000 } }).files(), tooLarge(/add up to more than/));
    await assert.rejects(new FsRepoView(dir, 'x', { limits: { maxDepth: 3 } }).files(), tooLarge(/more than 3 levels deep/));
    assert.equal((await new FsRepoView(dir, 'x', { limits: { maxDepth: 4 } }).files()).length, 21);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
