import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeRepo, testConfig, type FixtureRepo } from '../../../test/support/fixtures.js';
import { startGatedGitServer } from '../../../test/support/servers.js';
import { networkPolicyFor } from '../net-policy.js';
import { CloneError } from '../git.js';
import { attachCommit } from './attach.js';
import { GitRepoCache, type AcquireOptions, type GitCacheLease } from './cache.js';
import { cacheIdentity } from './key.js';

const readGit = (dir: string, ...args: string[]): string => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' }).trim();

describe('GitRepoCache', () => {
  let repo: FixtureRepo;
  let work: string;
  let n = 0;

  before(async () => {
    repo = await makeRepo({ 'README.md': '# hi\n', 'src/a.txt': 'a\n' }, { git: true, name: 'demo' });
    work = await mkdtemp(join(tmpdir(), 'oc-git-cache-'));
  });
  after(async () => {
    await repo.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  const newCache = (maxBytes = 1024 * 1024 * 1024): GitRepoCache => new GitRepoCache({ root: join(work, `cache-${n++}`), maxBytes });
  const options = (overrides: Partial<AcquireOptions> = {}): AcquireOptions => ({
    url: repo.dir,
    version: null,
    fullHistory: false,
    allowLocal: true,
    timeoutMs: 60_000,
    maxBytes: 256 * 1024 * 1024,
    ...overrides,
  });
  const commit = (message: string, files: Record<string, string>): string => {
    for (const [path, content] of Object.entries(files)) execFileSync('sh', ['-c', 'cat > "$1"', 'sh', join(repo.dir, path)], { input: content });
    repo.git('add', '--all');
    repo.git('commit', '--quiet', '-m', message);
    return repo.git('rev-parse', 'HEAD').trim();
  };
  /** Lists the lease's commit through a task folder attached to it. */
  const filesOf = async (lease: GitCacheLease): Promise<string[]> => {
    const dest = join(work, `attach-${n++}`);
    await attachCommit(lease, dest, { worktree: false, timeoutMs: 30_000, maxBytes: 1 << 30 });
    return readGit(dest, 'ls-tree', '-r', '--name-only', 'HEAD').split('\n');
  };

  test('a repository that many fetches left with more packs than maxPacks is repacked into one, and serves every commit', async () => {
    // A repository of its own: the other tests expect the shared one's files.
    const own = await makeRepo({ 'README.md': '# packs\n' }, { git: true, name: 'packs' });
    try {
      const cache = new GitRepoCache({ root: join(work, `cache-${n++}`), maxBytes: 1024 * 1024 * 1024, maxPacks: 3 });
      const packsOf = (gitDir: string): number => readdirSync(join(gitDir, 'objects', 'pack')).filter((name) => name.endsWith('.pack')).length;
      const seen: { commit: string; gitDir: string }[] = [];
      for (let round = 0; round < 6; round++) {
        await writeFile(join(own.dir, `round-${round}.txt`), `${round}\n`);
        own.git('add', '--all');
        own.git('commit', '--quiet', '-m', `round ${round}`);
        const lease = await cache.acquire(options({ url: own.dir }));
        assert.equal(lease.commit, own.git('rev-parse', 'HEAD').trim());
        seen.push({ commit: lease.commit, gitDir: lease.gitDir });
        assert.ok(packsOf(lease.gitDir) <= 4, `round ${round}: ${packsOf(lease.gitDir)} packs`);
        await lease.release();
      }
      const gitDir = seen[0]?.gitDir as string;
      // Every commit fetched on the way is still whole after the repacks.
      for (const { commit: id } of seen) assert.equal(readGit(gitDir, 'cat-file', '-t', id), 'commit');
      readGit(gitDir, 'fsck', '--connectivity-only', '--no-dangling');
    } finally {
      await own.cleanup();
    }
  });

  test('clone, then fetch of a new commit, then reuse of an unchanged HEAD; a tag; the cache keys ignore credentials and .git', async () => {
    const cache = newCache();
    const hows: string[] = [];
    cache.onAcquire((how) => hows.push(how));
    const first = await cache.acquire(options());
    assert.equal(first.how, 'clone');
    assert.equal(first.commit, repo.git('rev-parse', 'HEAD').trim());
    assert.equal(first.tree, repo.git('rev-parse', 'HEAD^{tree}').trim());
    assert.equal(first.shallow, true, 'a shallow plan fetches one commit');
    assert.deepEqual(await filesOf(first), ['README.md', 'src/a.txt']);
    await first.release();

    const next = commit('change', { 'src/b.txt': 'b\n' });
    const second = await cache.acquire(options());
    assert.equal(second.how, 'fetch');
    assert.equal(second.commit, next);
    assert.equal(second.gitDir, first.gitDir);
    assert.deepEqual(await filesOf(second), ['README.md', 'src/a.txt', 'src/b.txt']);
    await second.release();

    const objectsBefore = readGit(first.gitDir, 'count-objects', '-v');
    const third = await cache.acquire(options());
    assert.equal(third.how, 'reused');
    assert.equal(third.commit, next);
    assert.equal(readGit(first.gitDir, 'count-objects', '-v'), objectsBefore, 'nothing fetched');
    await third.release();

    // The earlier commit, named by its id: no network (the remote is not even asked).
    const old = await cache.acquire(options({ version: first.commit }));
    assert.equal(old.how, 'reused');
    await old.release();
    // Under a URL that does not even exist: a commit id is the same content anywhere.
    const offline = await cache.acquire(options({ url: join(work, 'no-such-remote'), version: first.commit }));
    assert.equal(offline.how, 'mirror');
    await offline.release();

    repo.git('tag', 'v1', first.commit);
    const tagged = await cache.acquire(options({ version: 'v1' }));
    assert.equal(tagged.commit, first.commit);
    assert.equal(tagged.how, 'reused');
    await tagged.release();
    // A full-history plan deepens the shallow cache once; then the whole history is there.
    const full = await cache.acquire(options({ fullHistory: true }));
    assert.equal(full.how, 'fetch');
    assert.equal(full.shallow, false);
    assert.equal(readGit(full.gitDir, 'rev-list', '--count', full.commit), '2');
    await full.release();
    const fullAgain = await cache.acquire(options({ fullHistory: true }));
    assert.equal(fullAgain.how, 'reused');
    await fullAgain.release();
    assert.deepEqual(hows, ['clone', 'fetch', 'reused', 'reused', 'mirror', 'reused', 'fetch', 'reused']);

    assert.equal(cacheIdentity('https://x:tok@Example.test/a/b.git').key, cacheIdentity('https://y:other@example.test/a/b/').key);
    assert.notEqual(cacheIdentity('https://x:tok@example.test/a/b').key, cacheIdentity('https://example.test/a/b').key, 'private and public uses never share');
    const stats = await cache.stats();
    assert.equal(stats.repositories, 1);
    assert.ok(stats.bytes > 0);
    assert.equal(stats.list[0]?.url, repo.dir);
  });

  test('the same commit under another URL is read from the first cache (mirror), without fetching', async () => {
    const cache = newCache();
    const mirror = await makeRepo({}, { name: 'mirror' });
    try {
      execFileSync('git', ['clone', '--quiet', '--bare', repo.dir, join(mirror.dir, 'm.git')]);
      const first = await cache.acquire(options());
      await first.release();
      const other = await cache.acquire(options({ url: join(mirror.dir, 'm.git') }));
      assert.equal(other.how, 'mirror');
      assert.equal(other.gitDir, first.gitDir);
      assert.equal(other.commit, first.commit);
      await other.release();
      assert.equal((await cache.stats()).repositories, 1, 'no second repository was made');
      // A private URL never reads another's cache.
      assert.equal(cacheIdentity('ssh://git@example.test/a/b').private, true);
    } finally {
      await mirror.cleanup();
    }
  });

  test('4 concurrent acquisitions of one repository: one clone, the others reuse it, the cache is intact', async () => {
    const cache = newCache();
    const leases = await Promise.all([1, 2, 3, 4].map(() => cache.acquire(options())));
    assert.deepEqual(leases.map((l) => l.how).sort(), ['clone', 'reused', 'reused', 'reused']);
    assert.equal(new Set(leases.map((l) => l.commit)).size, 1);
    execFileSync('git', ['-C', leases[0]?.gitDir ?? '', 'fsck', '--no-dangling']);
    for (const lease of leases) await lease.release();
    // Two processes' worth of writers: a new commit fetched by 4 at once.
    const next = commit('concurrent', { 'src/c.txt': 'c\n' });
    const again = await Promise.all([1, 2, 3, 4].map(() => cache.acquire(options())));
    assert.deepEqual(again.map((l) => l.how).sort(), ['fetch', 'reused', 'reused', 'reused']);
    assert.ok(again.every((l) => l.commit === next));
    execFileSync('git', ['-C', again[0]?.gitDir ?? '', 'fsck', '--no-dangling']);
    for (const lease of again) await lease.release();
    assert.deepEqual(readdirSync(join(cache.root, 'locks')), [], 'every lock released');
  });

  test('two caches on one folder (as two processes) serialise on the lock file and keep the cache intact', async () => {
    const root = join(work, `shared-${n++}`);
    const a = new GitRepoCache({ root, maxBytes: 1 << 30 });
    const b = new GitRepoCache({ root, maxBytes: 1 << 30 });
    const leases = await Promise.all([a, b, a, b].map((cache) => cache.acquire(options())));
    assert.deepEqual(leases.map((l) => l.how).sort(), ['clone', 'reused', 'reused', 'reused']);
    execFileSync('git', ['-C', leases[0]?.gitDir ?? '', 'fsck', '--no-dangling']);
    for (const lease of leases) await lease.release();
    assert.deepEqual(readdirSync(join(root, 'locks')), []);
  });

  test('an annotated tag names its commit; a network URL never reads a local repository by commit id', async () => {
    const cache = newCache();
    repo.git('tag', '--annotate', '--message', 'release', 'v2');
    const lease = await cache.acquire(options({ version: 'v2' }));
    assert.equal(lease.commit, repo.git('rev-parse', 'v2^{commit}').trim());
    await lease.release();
    // The commit is cached (from a local path); an https URL naming it must still ask its own remote (here a
    // closed port), and fails as a clone would.
    await assert.rejects(cache.acquire(options({ url: 'https://127.0.0.1:9/acme/demo', version: lease.commit, timeoutMs: 10_000 })), CloneError);
  });

  test('over HTTP through the network policy: a dumb server gets a full fetch, then reuse; a hanging one times out; a refused address is refused', async () => {
    const bare = join(work, `served-${n++}.git`);
    execFileSync('git', ['clone', '--quiet', '--bare', repo.dir, bare]);
    execFileSync('git', ['-C', bare, 'update-server-info']);
    const server = await startGatedGitServer(bare);
    const policy = networkPolicyFor(testConfig().Network);
    try {
      const cache = newCache();
      const hanging = cache.acquire(options({ url: server.url, policy, timeoutMs: 1500 }));
      await assert.rejects(hanging, (err: unknown) => err instanceof CloneError && /timed out/.test(err.message));
      server.open();
      const first = await cache.acquire(options({ url: server.url, policy }));
      assert.equal(first.how, 'clone');
      assert.equal(first.shallow, false, 'a dumb server cannot serve --depth: the whole history was fetched');
      assert.equal(first.commit, repo.git('rev-parse', 'HEAD').trim());
      await first.release();
      const requests = server.requests.length;
      const again = await cache.acquire(options({ url: server.url, policy }));
      assert.equal(again.how, 'reused');
      assert.ok(server.requests.length - requests <= 2, 'only the refs were asked for');
      await again.release();
      const refusing = networkPolicyFor(testConfig({ OPENCHECKER_NETWORK_ALLOW_LOOPBACK: 'false' }).Network);
      await assert.rejects(cache.acquire(options({ url: server.url, policy: refusing })), (err: unknown) => err instanceof CloneError && /^clone refused: /.test(err.message));
    } finally {
      server.open();
      await server.close();
    }
  });

  test('eviction removes the least recently used repositories beyond the quota and skips pinned ones', async () => {
    const repos = await Promise.all([0, 1, 2].map((i) => makeRepo({ 'data.bin': randomBytes(200 * 1024), 'n.txt': `${i}\n` }, { git: true, name: `r${i}` })));
    try {
      const cache = newCache(1024 * 1024);
      const leases: GitCacheLease[] = [];
      for (const r of repos) leases.push(await cache.acquire(options({ url: r.dir })));
      await leases[1]?.release();
      await leases[2]?.release();
      // r0 pinned (oldest), r1 released: a quota of ~1.5 repositories evicts r1, not r0, and keeps r2 (newest).
      const report = await cache.prune({ maxBytes: 500 * 1024 });
      assert.deepEqual(report.removed.map((r) => r.url), [repos[1]?.dir, repos[2]?.dir].slice(0, report.removed.length));
      assert.ok(report.skipped >= 1, 'the pinned repository was skipped');
      assert.ok(existsSync(leases[0]?.gitDir ?? ''), 'the pinned repository stays');
      assert.ok(!existsSync(leases[1]?.gitDir ?? ''));
      await leases[0]?.release();
      const all = await cache.prune({ all: true });
      assert.equal((await cache.stats()).repositories, 0);
      assert.ok(all.removed.length >= 1);
      assert.deepEqual(await readdir(join(cache.root, 'commits')), [], 'mirror index entries go with their repository');
    } finally {
      for (const r of repos) await r.cleanup();
    }
  });

  test('a cache with missing objects is cloned afresh; a remote that fails is a CloneError and leaves the cache alone', async () => {
    const cache = newCache();
    const first = await cache.acquire(options());
    await first.release();
    await rm(join(first.gitDir, 'objects'), { recursive: true, force: true });
    commit('after corruption', { 'src/d.txt': 'd\n' });
    const second = await cache.acquire(options());
    assert.equal(second.how, 'clone');
    assert.deepEqual((await filesOf(second)).includes('src/d.txt'), true);
    await second.release();
    // Corrupted again, at an unchanged HEAD: not "reused" (its objects are checked), fetched or cloned again.
    for (const entry of await readdir(join(second.gitDir, 'objects'))) {
      if (entry !== 'info') await rm(join(second.gitDir, 'objects', entry), { recursive: true, force: true });
    }
    assert.equal(readGit(second.gitDir, 'rev-parse', '--is-bare-repository'), 'true', 'still a repository, without its objects');
    const third = await cache.acquire(options());
    assert.ok(third.how === 'fetch' || third.how === 'clone', `${third.how}: fetched again, never reused`);
    assert.deepEqual(await filesOf(third), await filesOf(second));
    await third.release();

    await assert.rejects(cache.acquire(options({ url: join(work, 'missing-remote') })), (err: unknown) => err instanceof CloneError && /^git clone failed: /.test(err.message));
    await assert.rejects(cache.acquire(options({ version: 'no-such-tag' })), /version "no-such-tag" was not found/);
    await assert.rejects(cache.acquire(options({ allowLocal: false, url: `file://${repo.dir}` })), CloneError);
  });

  test('the size cap holds: a repository larger than the cap is refused and nothing of it is kept', async () => {
    const big = await makeRepo({ 'blob.bin': randomBytes(3 * 1024 * 1024) }, { git: true, name: 'big' });
    try {
      const cache = newCache();
      await assert.rejects(cache.acquire(options({ url: big.dir, maxBytes: 1024 * 1024 })), /larger than the clone size cap of 1 MiB/);
      assert.equal((await cache.stats()).repositories, 0);
      const ok = await cache.acquire(options({ url: big.dir, maxBytes: 16 * 1024 * 1024 }));
      assert.equal(ok.how, 'clone');
      await ok.release();
    } finally {
      await big.cleanup();
    }
  });

  test('a stale lock of a dead process is broken; attach writes files only after inspect accepted the tree', async () => {
    const cache = newCache();
    const warm = await cache.acquire(options());
    await warm.release();
    const key = cacheIdentity(repo.dir).key;
    // pid 2^22+1 is above Linux's pid_max default: no such process.
    await writeFile(join(cache.root, 'locks', `${key}.lock`), JSON.stringify({ host: (await import('node:os')).hostname(), pid: 4194305, nonce: 'x' }));
    const lease = await cache.acquire(options({ timeoutMs: 10_000 }));
    assert.equal(lease.how, 'reused');
    const refused = join(work, `attach-${n++}`);
    await assert.rejects(attachCommit(lease, refused, { worktree: true, inspect: () => Promise.reject(new Error('refused by inspect')), timeoutMs: 30_000, maxBytes: 1 << 30 }), /refused by inspect/);
    assert.deepEqual(readdirSync(refused), ['.git']);
    const accepted = join(work, `attach-${n++}`);
    await attachCommit(lease, accepted, { worktree: true, inspect: async () => undefined, timeoutMs: 30_000, maxBytes: 1 << 30 });
    assert.ok(existsSync(join(accepted, 'README.md')));
    assert.equal(readGit(accepted, 'rev-parse', 'HEAD'), lease.commit);
    await lease.release();
  });
});
