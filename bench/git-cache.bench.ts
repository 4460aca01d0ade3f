/**
 * Git cache benchmark (issue 19, "cheaper fetches"): what getting a repository costs a task with the
 * per-repository git cache (src/lib/git-cache) against a plain clone (src/lib/git.ts cloneRepository), on the
 * LARGE npm tree (~10.8k files, ~110 MB) committed as a git repository served from a local path (git's
 * upload-pack through a file:// URL, as for any remote, without network time: the savings over a real network are larger).
 *
 * Steps, each ending with the task's view of the commit (the attached git folder, listed with ls-tree):
 *  - plain clone (shallow, no worktree), as every task did before;
 *  - cache, first task: `clone` (an empty cache);
 *  - after a commit changing 1% of the files: `fetch` (and a plain clone of the same commit for comparison);
 *  - the same commit again: `reused` (ls-remote only);
 *  - the same commit under another URL (a bare copy at another path): `mirror`;
 *  - the same commit named by its id: `reused` with no remote contact at all.
 *
 * Pass: the fetch after 1% adds ≤ 10% of the bytes of the first clone to the cache, reused/mirror/commit id add
 * none; times: the fetch ≤ 50% of a plain clone, reused and mirror ≤ 15% (on a local transport, process start-up
 * and git's own work dominate; over a network the times follow the bytes). Environment: BENCH_GIT_CACHE_RUNS
 * (default 3; the median is reported).
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdir, rm, writeFile, appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cloneRepository } from '../src/lib/git.js';
import { attachCommit, GitRepoCache, type AcquireHow, type AcquireOptions } from '../src/lib/git-cache/index.js';
import { LARGE_TREE, npmTree } from '../test/support/npm-tree.js';
import { filesBelow, formatTable, git, GIT_ENV, median, round, tempDir, verdict, writeResults } from './support.js';

const RUNS = Number(process.env.BENCH_GIT_CACHE_RUNS ?? '3');
async function main(): Promise<void> {
  const tree = await npmTree(LARGE_TREE);
  const work = tempDir('git-cache');
  const source = join(work, 'source');
  await mkdir(source);
  await cp(tree.nodeModules, join(source, 'node_modules'), { recursive: true, verbatimSymlinks: true });
  git(source, 'init', '--quiet', '--initial-branch=main');
  git(source, 'add', '--all');
  git(source, 'commit', '--quiet', '-m', 'tree');
  const files = (await filesBelow(join(source, 'node_modules'))).map((path) => `node_modules/${path}`);
  // file:// makes git use its transport (upload-pack and a pack), as for a remote; a plain path would clone
  // with hard links, which no remote allows.
  const url = `file://${source}`;
  const changedCount = Math.max(1, Math.round(files.length / 100));

  const options = (url: string, version: string | null = null): AcquireOptions => ({ url, version, fullHistory: false, allowLocal: true, timeoutMs: 600_000, maxBytes: 4 * 1024 ** 3 });
  let n = 0;
  const plainClone = async (): Promise<number> => {
    const dest = join(work, `plain-${n++}`);
    const started = performance.now();
    await cloneRepository({ ...options(url), dest, worktree: false });
    git(dest, 'ls-tree', '-r', '--name-only', 'HEAD');
    const seconds = (performance.now() - started) / 1000;
    await rm(dest, { recursive: true, force: true });
    return seconds;
  };
  const viaCache = async (cache: GitRepoCache, url: string, expected: AcquireHow, version: string | null = null): Promise<number> => {
    const dest = join(work, `attached-${n++}`);
    const started = performance.now();
    const lease = await cache.acquire(options(url, version));
    await attachCommit(lease, dest, { worktree: false, timeoutMs: 600_000, maxBytes: 4 * 1024 ** 3 });
    git(dest, 'ls-tree', '-r', '--name-only', 'HEAD');
    const seconds = (performance.now() - started) / 1000;
    await lease.release();
    if (lease.how !== expected) throw new Error(`expected ${expected}, got ${lease.how}`);
    await rm(dest, { recursive: true, force: true });
    return seconds;
  };

  const samples: Record<string, number[]> = { plain: [], clone: [], fetch: [], plainAfter: [], reused: [], mirror: [], offline: [] };
  const bytes = { clone: [] as number[], fetch: [] as number[], reusedAndMirror: [] as number[] };
  let cacheBytes = 0;
  for (let run = 0; run < RUNS; run++) {
    const cache = new GitRepoCache({ root: join(work, `cache-${run}`), maxBytes: 8 * 1024 ** 3 });
    samples.plain?.push(await plainClone());
    samples.clone?.push(await viaCache(cache, url, 'clone'));
    const afterClone = (await cache.stats()).bytes;
    // 1% of the files changed in a new commit.
    for (let i = 0; i < changedCount; i++) await appendFile(join(source, files[(i * 97 + run) % files.length] ?? ''), `\n// change ${run}.${i}\n`);
    git(source, 'commit', '--quiet', '--all', '-m', `change ${run}`);
    samples.fetch?.push(await viaCache(cache, url, 'fetch'));
    const afterFetch = (await cache.stats()).bytes;
    bytes.clone.push(afterClone);
    bytes.fetch.push(afterFetch - afterClone);
    samples.plainAfter?.push(await plainClone());
    samples.reused?.push(await viaCache(cache, url, 'reused'));
    const mirror = join(work, `mirror-${run}.git`);
    execFileSync('git', ['clone', '--quiet', '--bare', source, mirror], { env: GIT_ENV });
    const mirrorUrl = `file://${mirror}`;
    samples.mirror?.push(await viaCache(cache, mirrorUrl, 'mirror'));
    samples.offline?.push(await viaCache(cache, join(work, 'nowhere'), 'mirror', git(source, 'rev-parse', 'HEAD')));
    cacheBytes = (await cache.stats()).bytes;
    bytes.reusedAndMirror.push(cacheBytes - (bytes.clone.at(-1) ?? 0) - (bytes.fetch.at(-1) ?? 0));
    await rm(mirror, { recursive: true, force: true });
  }
  await writeFile(join(work, 'done'), '');

  const m = (key: string): number => round(median(samples[key] ?? []), 3);
  const plain = m('plain');
  const rows = [
    ['plain clone (before)', m('plain'), '100%'],
    ['cache: clone (empty cache)', m('clone'), `${round((100 * m('clone')) / plain, 1)}%`],
    [`cache: fetch after ${changedCount} files changed (1%)`, m('fetch'), `${round((100 * m('fetch')) / plain, 1)}%`],
    ['plain clone of that commit', m('plainAfter'), `${round((100 * m('plainAfter')) / plain, 1)}%`],
    ['cache: reused (unchanged HEAD)', m('reused'), `${round((100 * m('reused')) / plain, 1)}%`],
    ['cache: mirror (another URL)', m('mirror'), `${round((100 * m('mirror')) / plain, 1)}%`],
    ['cache: commit id, no remote', m('offline'), `${round((100 * m('offline')) / plain, 1)}%`],
  ];
  process.stdout.write(`git cache on ${files.length} files (median of ${RUNS}), cache size ${round(cacheBytes / 1048576, 1)} MiB\n`);
  process.stdout.write(`${formatTable(['step', 'seconds', 'of plain'], rows)}\n`);
  const cloneBytes = median(bytes.clone);
  const fetchBytes = median(bytes.fetch);
  const addedByReuse = Math.max(...bytes.reusedAndMirror);
  process.stdout.write(`bytes: clone ${round(cloneBytes / 1048576, 2)} MiB, fetch after 1% ${round(fetchBytes / 1048576, 2)} MiB (${round((100 * fetchBytes) / cloneBytes, 1)}%), reused + mirror + commit id ${addedByReuse}\n`);
  // Over a network a fetch's and a clone's cost follow the bytes moved; on a local transport, process start-up
  // and git's own work dominate, so the time figures are the floor of the savings.
  const pass = fetchBytes <= 0.1 * cloneBytes && addedByReuse === 0 && m('fetch') <= 0.5 * plain && m('reused') <= 0.15 * plain && m('mirror') <= 0.15 * plain;
  process.stdout.write(`fetch moves ≤ 10% of a clone's bytes, reuse and mirrors none; times: fetch ≤ 50%, reused and mirror ≤ 15% of a plain clone: ${verdict(pass)}\n`);
  const path = writeResults('git-cache', { files: files.length, changed: changedCount, runs: RUNS, cache_mb: round(cacheBytes / 1048576, 1), clone_bytes: cloneBytes, fetch_bytes: fetchBytes, seconds: Object.fromEntries(Object.keys(samples).map((key) => [key, m(key)])), pass });
  process.stdout.write(`results: ${path}\n`);
  if (!pass) process.exitCode = 1;
}

await main();
