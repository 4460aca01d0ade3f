import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResultCache } from '../result-cache/cache.js';
import { MemoryResultCacheStore } from '../result-cache/memory.js';
import { FileFacts } from './file-facts.js';
import { GitRepoView } from './git-repo-view.js';
import { FsRepoView } from './repo-view.js';

const FILES: Record<string, string> = {
  'LICENSE': 'MIT License\n',
  'src/main.c': 'int main(void) { return 0; }\n',
  'vendor/lib/main.c': 'int main(void) { return 0; }\n',
  'empty.txt': '',
  'bin/data.bin': '\u0000\u0001\u0002binary',
};

function fixture(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'oc-facts-'));
  for (const [path, content] of Object.entries(FILES)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  const git = (...args: string[]): string => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'init');
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

test('a folder gets the blob ids git gives the same bytes, and the same tree digest as the git view', async () => {
  const { dir, cleanup } = fixture();
  try {
    const folder = new FsRepoView(dir, 'demo');
    const git = new GitRepoView(dir, 'demo');
    try {
      const fromFolder = await folder.blobIds();
      const fromGit = await git.blobIds();
      for (const path of Object.keys(FILES)) {
        const expected = execFileSync('git', ['-C', dir, 'hash-object', '--', path], { encoding: 'utf8' }).trim();
        assert.equal(fromFolder.get(path), expected, path);
        assert.equal(fromGit.get(path), expected, path);
      }
      assert.equal(await folder.treeDigest(), await git.treeDigest());
      // A checkout read from disk takes its ids from git's listing instead of hashing.
      assert.deepEqual(await new FsRepoView(dir, 'demo', { gitRev: 'HEAD' }).blobIds(), fromGit);
    } finally {
      await git.close();
    }
  } finally {
    cleanup();
  }
});

test('facts are looked up by blob (and the extra key), computed once, shared by copies and across views; corrupt ones are computed again', async () => {
  const { dir, cleanup } = fixture();
  try {
    const cache = new ResultCache(new MemoryResultCacheStore(), { reuseResults: true, onlineTtlMs: 0 });
    const spec = { kind: 'lines:v1', extraKey: (file: { path: string }) => file.path.slice(file.path.lastIndexOf('/') + 1), decode: (v: unknown) => (typeof v === 'number' ? v : undefined) };
    let computed = 0;
    const scan = async (view: FsRepoView | GitRepoView): Promise<Map<string, number>> => {
      const files = await view.files();
      const facts = await FileFacts.open(view, files, spec);
      const lines = new Map<string, number>();
      for (const file of files) {
        let value = facts.get(file);
        if (value === undefined) {
          computed++;
          value = (await view.readText(file.path)).split('\n').length - 1;
          facts.put(file, value);
        }
        lines.set(file.path, value);
      }
      await facts.save();
      return lines;
    };
    const first = await scan(new FsRepoView(dir, 'demo', { resultCache: cache }));
    assert.equal(computed, 4, 'src/main.c and vendor/lib/main.c share blob and name: computed once');
    const git = new GitRepoView(dir, 'mirror', 'HEAD', { resultCache: cache });
    try {
      assert.deepEqual(await scan(git), first);
    } finally {
      await git.close();
    }
    assert.equal(computed, 4, 'the git view of the same bytes computes nothing');

    // Damaged entries are misses: computed again, with the same values, and stored again.
    const store = cache.store as unknown as { facts: Map<string, { value: string }> };
    for (const entry of store.facts.values()) entry.value = 'not json {';
    assert.deepEqual(await scan(new FsRepoView(dir, 'demo', { resultCache: cache })), first);
    assert.equal(computed, 8);
    await cache.flushCounts();
    const counts = (await cache.store.stats()).counters.find((c) => c.kind === 'fact:lines:v1');
    assert.deepEqual(counts, { kind: 'fact:lines:v1', hits: 7, misses: 8, writes: 8 });

    // Without a cache nothing is looked up or stored.
    const before: number = computed;
    await scan(new FsRepoView(dir, 'demo'));
    assert.equal(computed, before + 5);
  } finally {
    cleanup();
  }
});
