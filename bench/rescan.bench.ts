/**
 * Rescan benchmark (issue 19, "never analyse the same bytes twice"): what the shared result cache costs and
 * saves on the LARGE npm tree (~10.8k files) committed as a git repository, scanned through runTask (the agents'
 * pipeline) with `scancode`, `languages-detector`, `code-count` and `license-detector`, with a real SQLite store
 * and a real git cache (src/lib/git-cache) in temp folders. Side by side in one run, each step the median of
 * BENCH_RESCAN_RUNS (default 3), every run on a fresh store and git cache:
 *
 *  - cold, without the cache (a plain clone, every file analysed): the reference;
 *  - cold, with the cache on an empty store (a plain clone too): lookups and writes are the only difference;
 *  - the same repository at a new commit with 1% of its files changed, with the git cache (a fetch) and the
 *    facts the cold scan stored: fetch included;
 *  - a mirror: the same commit under another URL with the same repository name (the git cache's mirror, and
 *    the stored results reused);
 *  - another repository vendoring the same files under vendor/ plus a few files of its own: every shared file is
 *    a fact hit (its clone is a new repository's: reported apart).
 *
 * Targets: cached cold ≤ 1.05 × uncached cold; 1% changed ≤ 10% of the uncached cold scan (fetch included);
 * mirror, and the vendoring repository's analysis without its clone, ≤ 5% of it. The store's deployment-wide
 * hit, miss and write counters are printed at the end. The repositories are local (file paths): there is no
 * network time, so what a clone or fetch saves over a real network is larger than shown.
 *
 * The 3-agent demonstration (distributed mode, one PostgreSQL) is a test: test/distributed-result-cache.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { appendFile, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Json } from '../src/checkers/types.js';
import { silentLogger } from '../src/lib/log.js';
import { GitRepoCache } from '../src/lib/git-cache/index.js';
import { ResultCache, type CacheOutcome } from '../src/lib/result-cache/cache.js';
import type { CacheCounts } from '../src/lib/result-cache/types.js';
import { MemoryCache } from '../src/lib/shared-cache.js';
import { openSqlite, SqliteStore } from '../src/store/sqlite.js';
import { parseRepoRef } from '../src/tasks/repo-ref.js';
import { runTask, type TaskRun } from '../src/tasks/run-task.js';
import { makeTask, testConfig } from '../test/support/fixtures.js';
import { LARGE_TREE, npmTree } from '../test/support/npm-tree.js';
import { filesBelow, formatTable, git, GIT_ENV, median, round, tempDir, verdict, writeResults } from './support.js';

const RUNS = Number(process.env.BENCH_RESCAN_RUNS ?? '3');
const COMMANDS = ['scancode', 'languages-detector', 'code-count', 'license-detector'];
/** Lookups and writes of one step, by kind without its code digest (`fact:licenses`, `result:scancode`). */
type Tally = Record<string, Record<CacheOutcome, number>>;

function factsOf(tally: Tally): { hits: number; misses: number; writes: number } {
  const facts = Object.entries(tally).filter(([kind]) => kind.startsWith('fact:'));
  return {
    hits: facts.reduce((n, [, c]) => n + c.hit, 0),
    misses: facts.reduce((n, [, c]) => n + c.miss + c.corrupt, 0),
    writes: facts.reduce((n, [, c]) => n + c.write, 0),
  };
}

/** Results without scancode's header (its start and end times): what must be equal with and without the cache. */
function comparable(results: Record<string, Json>): string {
  return JSON.stringify({ ...results, scancode: { ...(results.scancode as Record<string, Json>), headers: null } });
}

interface Step {
  seconds: number;
  fetchSeconds: number;
  how: string;
  tally: Tally;
  results: Record<string, Json>;
  reused: string[];
}

async function main(): Promise<void> {
  const tree = await npmTree(LARGE_TREE);
  const work = tempDir('rescan');
  const source = join(work, 'forge-a', 'large');
  await mkdir(source, { recursive: true });
  await cp(tree.nodeModules, join(source, 'node_modules'), { recursive: true, verbatimSymlinks: true });
  git(source, 'init', '--quiet', '--initial-branch=main');
  git(source, 'add', '--all');
  git(source, 'commit', '--quiet', '-m', 'tree');
  const files = (await filesBelow(join(source, 'node_modules'))).map((path) => `node_modules/${path}`);
  const changedCount = Math.max(1, Math.round(files.length / 100));
  const config = testConfig();

  // The repository vendoring the same files: node_modules under vendor/ (copied at each run), and files of its own.
  const vendoring = join(work, 'forge-b', 'consumer');
  await mkdir(join(vendoring, 'vendor'), { recursive: true });
  await writeFile(join(vendoring, 'README.md'), '# Consumer\n\nVendors its dependencies.\n');
  await writeFile(join(vendoring, 'LICENSE'), 'Copyright 2026 Consumer Authors\n\nSPDX-License-Identifier: Apache-2.0\n');
  await writeFile(join(vendoring, 'index.js'), "'use strict';\nmodule.exports = require('./vendor/node_modules/lodash');\n");
  git(vendoring, 'init', '--quiet', '--initial-branch=main');
  git(vendoring, 'add', '--all');
  git(vendoring, 'commit', '--quiet', '-m', 'vendored');

  let workspaces = 0;
  const scan = async (url: string, resultCache: ResultCache | null, gitCache: GitRepoCache | undefined): Promise<TaskRun & { seconds: number }> => {
    const ref = parseRepoRef(url);
    const made: string[] = [];
    const started = performance.now();
    const run = await runTask({
      task: makeTask({ taskId: `00000000-0000-4000-8000-${String(++workspaces).padStart(12, '0')}`, projectUrl: ref.projectUrl, repoName: ref.repoName }),
      commands: COMMANDS,
      source: { clone: ref },
      makeWorkspace: async () => {
        const dir = await mkdtemp(join(work, 'ws-'));
        made.push(dir);
        return dir;
      },
      allowLocalRepos: true,
      config,
      configDir: work,
      log: silentLogger(),
      cache: new MemoryCache(),
      gitCache,
      resultCache,
    });
    const seconds = (performance.now() - started) / 1000;
    for (const dir of made) await rm(dir, { recursive: true, force: true });
    if (run.status !== 'succeeded') throw new Error(`scan of ${url} failed: ${run.error}`);
    for (const [command, result] of Object.entries(run.scanResults)) {
      if (result && typeof result === 'object' && !Array.isArray(result) && 'error' in result) throw new Error(`${command} failed: ${JSON.stringify(result)}`);
    }
    return { ...run, seconds };
  };
  const step = async (url: string, store: SqliteStore | null, gitCache?: GitRepoCache): Promise<Step> => {
    const tally: Tally = {};
    const cache = store
      ? new ResultCache(store.resultCache, {
          reuseResults: true,
          onlineTtlMs: 0,
          onCount: (kind, outcome, n) => {
            const counts = (tally[kind.split(':').slice(0, 2).join(':')] ??= { hit: 0, miss: 0, write: 0, corrupt: 0 });
            counts[outcome] += n;
          },
        })
      : null;
    const run = await scan(url, cache, gitCache);
    return { seconds: run.seconds, fetchSeconds: run.fetch?.seconds ?? 0, how: run.fetch?.how ?? '-', tally, results: run.scanResults, reused: Object.keys(run.reusedFrom ?? {}) };
  };

  // Warm-up (not timed): loads the license engine and language data once, as a running agent has them.
  await step(source, null);

  const samples: Record<string, number[]> = { uncached: [], cold: [], changed: [], changedFetch: [], mirror: [], vendoring: [], vendoringFetch: [], vendoringUncached: [] };
  const last: Record<string, Step> = {};
  let counters: readonly CacheCounts[] = [];
  let storeBytes = 0;
  for (let run = 0; run < RUNS; run++) {
    const store = new SqliteStore(openSqlite(join(work, `store-${run}`, 'openchecker.db')));
    const gitCache = new GitRepoCache({ root: join(work, `git-cache-${run}`), maxBytes: 8 * 1024 ** 3 });
    // The vendoring repository holds the files as they are now (earlier runs changed some in the source).
    await rm(join(vendoring, 'vendor', 'node_modules'), { recursive: true, force: true });
    await cp(join(source, 'node_modules'), join(vendoring, 'vendor', 'node_modules'), { recursive: true, verbatimSymlinks: true });
    git(vendoring, 'add', '--all');
    git(vendoring, 'commit', '--quiet', '--allow-empty', '-m', `vendored again ${run}`);
    // Uncached and cached cold, both from a plain clone, in alternating order (the machine's drift hits both).
    const pair = run % 2 === 0 ? ['uncached', 'cold'] : ['cold', 'uncached'];
    for (const which of pair) {
      last[which] = await step(source, which === 'cold' ? store : null);
      samples[which]?.push(last[which].seconds);
    }
    if (comparable(last.cold?.results ?? {}) !== comparable(last.uncached?.results ?? {})) throw new Error('cached and uncached cold results differ');
    // The git cache holds the commit the cold scan saw, as after a task that used it.
    const lease = await gitCache.acquire({ url: source, version: null, fullHistory: false, allowLocal: true, timeoutMs: 600_000, maxBytes: 4 * 1024 ** 3 });
    await lease.release();

    // 1% of the files changed in a new commit.
    for (let i = 0; i < changedCount; i++) await appendFile(join(source, files[(i * 97 + run) % files.length] ?? ''), `\n// change ${run}.${i}\n`);
    git(source, 'commit', '--quiet', '--all', '-m', `change ${run}`);
    last.changed = await step(source, store, gitCache);
    samples.changed?.push(last.changed.seconds);
    samples.changedFetch?.push(last.changed.fetchSeconds);

    // A mirror: the same commit on another forge, under the same repository name.
    const mirror = join(work, 'forge-c', `m${run}`, 'large.git');
    await mkdir(join(mirror, '..'), { recursive: true });
    execFileSync('git', ['clone', '--quiet', '--bare', source, mirror], { env: GIT_ENV });
    last.mirror = await step(mirror, store, gitCache);
    samples.mirror?.push(last.mirror.seconds);
    await rm(mirror, { recursive: true, force: true });

    // Another repository vendoring the same files.
    last.vendoring = await step(vendoring, store, gitCache);
    samples.vendoring?.push(last.vendoring.seconds);
    samples.vendoringFetch?.push(last.vendoring.fetchSeconds);
    if (run === 0) {
      const uncachedVendoring = await step(vendoring, null);
      samples.vendoringUncached?.push(uncachedVendoring.seconds);
      if (comparable(uncachedVendoring.results) !== comparable(last.vendoring.results)) throw new Error('the vendoring repository\'s results differ with and without the cache');
    }
    const stats = await store.resultCache.stats();
    counters = stats.counters;
    storeBytes = Object.values(stats.facts).reduce((n, t) => n + t.bytes, 0) + Object.values(stats.results).reduce((n, t) => n + t.bytes, 0);
    await store.close();
    await rm(join(work, `git-cache-${run}`), { recursive: true, force: true });
  }

  const m = (key: string): number => round(median(samples[key] ?? []), 3);
  const uncached = m('uncached');
  const share = (value: number): string => `${round((100 * value) / uncached, 1)}%`;
  const facts = (name: string): string => {
    const f = factsOf(last[name]?.tally ?? {});
    return `${f.hits}/${f.misses}/${f.writes}`;
  };
  const reused = (name: string): string => (last[name]?.reused.length ? last[name]?.reused.join(',') ?? '' : '-');
  const vendoringAnalysis = round(m('vendoring') - m('vendoringFetch'), 3);
  const rows = [
    ['cold, no cache (plain clone)', uncached, '100%', '-', '-', '-'],
    ['cold, cache on an empty store (plain clone)', m('cold'), share(m('cold')), facts('cold'), reused('cold'), last.cold?.how ?? ''],
    [`new commit, ${changedCount} files changed (1%), fetch included`, m('changed'), share(m('changed')), facts('changed'), reused('changed'), last.changed?.how ?? ''],
    [`  of which the fetch`, m('changedFetch'), share(m('changedFetch')), '', '', ''],
    ['mirror: same commit, another URL', m('mirror'), share(m('mirror')), facts('mirror'), reused('mirror'), last.mirror?.how ?? ''],
    [`vendoring repository (${files.length + 3} files), clone included`, m('vendoring'), share(m('vendoring')), facts('vendoring'), reused('vendoring'), last.vendoring?.how ?? ''],
    ['  of which its clone', m('vendoringFetch'), share(m('vendoringFetch')), '', '', ''],
    ['  its analysis (without the clone)', vendoringAnalysis, share(vendoringAnalysis), '', '', ''],
    ['  the same repository without the cache', m('vendoringUncached'), share(m('vendoringUncached')), '', '', ''],
  ];
  process.stdout.write(`rescan on ${files.length} files, ${COMMANDS.join(', ')} (median of ${RUNS}; facts: hits/misses/writes of the last run)\n`);
  process.stdout.write(`${formatTable(['step', 'seconds', 'of cold', 'facts h/m/w', 'results reused', 'how'], rows)}\n`);
  const counterRows = counters.map((c) => [c.kind.split(':').slice(0, 2).join(':'), c.hits, c.misses, c.writes]);
  process.stdout.write(`\nthe store's counters after the last run (openchecker cache stats), ${round(storeBytes / 1048576, 1)} MiB stored:\n`);
  process.stdout.write(`${formatTable(['kind', 'hits', 'misses', 'writes'], counterRows)}\n`);
  const overhead = m('cold') / uncached;
  const targets = {
    overhead: overhead <= 1.05,
    changed: m('changed') <= 0.1 * uncached,
    mirror: m('mirror') <= 0.05 * uncached,
    vendoring: vendoringAnalysis <= 0.05 * uncached,
  };
  process.stdout.write(`\ncache overhead on a cold scan ${round(overhead, 3)}x (≤ 1.05): ${verdict(targets.overhead)}\n`);
  process.stdout.write(`1% changed, fetch included ≤ 10% of cold: ${verdict(targets.changed)}\n`);
  process.stdout.write(`mirror ≤ 5% of cold: ${verdict(targets.mirror)}\n`);
  process.stdout.write(`vendoring repository's analysis of the shared files ≤ 5% of cold: ${verdict(targets.vendoring)}\n`);
  const path = writeResults('rescan', {
    files: files.length,
    changed: changedCount,
    runs: RUNS,
    commands: COMMANDS,
    seconds: Object.fromEntries(Object.keys(samples).map((key) => [key, m(key)])),
    overhead: round(overhead, 3),
    facts: Object.fromEntries(Object.keys(last).map((key) => [key, factsOf(last[key]?.tally ?? {})])),
    counters,
    store_mb: round(storeBytes / 1048576, 1),
    targets,
  });
  process.stdout.write(`results: ${path}\n`);
  if (!Object.values(targets).every(Boolean)) process.exitCode = 1;
}

await main();
