import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTask, testConfig } from '../../test/support/fixtures.js';
import type { Config } from '../config/schema.js';
import { silentLogger } from '../lib/log.js';
import { FsRepoView, type RepoView } from '../lib/repo/repo-view.js';
import { ResultCache } from '../lib/result-cache/cache.js';
import { MemoryResultCacheStore } from '../lib/result-cache/memory.js';
import { runCommands } from './runner.js';
import type { CheckContext, Checker, Json, ResultReuse } from './types.js';

/** A checker that counts its runs and returns the file list with the run number. */
function counting(name: string, cache: ResultReuse | undefined, result: (ctx: CheckContext, run: number) => Promise<Json> = async (ctx, run) => ({ files: (await ctx.repo.files()).map((f) => f.path), run }), version = 1): Checker & { runs: number } {
  const checker = {
    name,
    version,
    description: name,
    requirements: { checkout: 'shallow' as const },
    ...(cache ? { cache } : {}),
    runs: 0,
    async run(ctx: CheckContext): Promise<Json> {
      checker.runs++;
      return result(ctx, checker.runs);
    },
  };
  return checker;
}

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'oc-reuse-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

interface Run {
  results: Record<string, Json>;
  reused: Record<string, string>;
}

async function run(checkers: Checker[], repo: RepoView, cache: ResultCache | null, options: { taskId?: string; config?: Config; fresh?: boolean } = {}): Promise<Run> {
  const reused: Record<string, string> = {};
  const byName = new Map(checkers.map((c) => [c.name, c]));
  const results = await runCommands({
    commands: checkers.map((c) => c.name),
    task: makeTask({ taskId: options.taskId ?? 'task-1' }),
    repo,
    config: options.config ?? testConfig(),
    configDir: tmpdir(),
    log: silentLogger(),
    lookup: (name) => byName.get(name),
    resultCache: cache,
    fresh: options.fresh,
    onReused: (command, from) => (reused[command] = from),
  });
  return { results, reused };
}

const newCache = (reuseResults = true): ResultCache => new ResultCache(new MemoryResultCacheStore(), { reuseResults, onlineTtlMs: 0 });

test('the same tree reuses a declared command\'s result, says from which task, and counts a hit; undeclared commands run', async () => {
  const dir = folder({ 'a.txt': 'one', 'src/b.go': 'package b' });
  try {
    const cache = newCache();
    const tree = counting('tree-command', { input: 'tree' });
    const plain = counting('plain-command', undefined);
    const first = await run([tree, plain], new FsRepoView(dir, 'demo'), cache, { taskId: 'task-1' });
    assert.deepEqual(first.reused, {});
    const second = await run([tree, plain], new FsRepoView(dir, 'demo'), cache, { taskId: 'task-2' });
    assert.deepEqual(second.reused, { 'tree-command': 'task-1' });
    assert.deepEqual(second.results['tree-command'], first.results['tree-command']);
    assert.equal(tree.runs, 1);
    assert.equal(plain.runs, 2);
    await cache.flushCounts();
    const counters = (await cache.store.stats()).counters;
    assert.deepEqual(counters.find((c) => c.kind === 'result:tree-command'), { kind: 'result:tree-command', hits: 1, misses: 1, writes: 1 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('another tree, another repository name, a version bump or a relevant config change is computed again', async () => {
  const dir = folder({ 'a.txt': 'one' });
  try {
    const cache = newCache();
    const reuse: ResultReuse = { input: 'tree', config: ['OpenCheck.legacy_text_results'] };
    const v1 = counting('cmd', reuse);
    await run([v1], new FsRepoView(dir, 'demo'), cache);
    await run([v1], new FsRepoView(dir, 'demo'), cache, { config: testConfig({ OPENCHECKER_OPENCHECK_COMMAND_TIMEOUT_S: '77' }) });
    assert.equal(v1.runs, 1, 'a config key the command does not declare does not matter');
    await run([v1], new FsRepoView(dir, 'demo'), cache, { config: testConfig({ OPENCHECKER_OPENCHECK_LEGACY_TEXT_RESULTS: 'true' }) });
    assert.equal(v1.runs, 2, 'a declared config key does');
    await run([v1], new FsRepoView(dir, 'other-name'), cache);
    assert.equal(v1.runs, 3, 'output paths carry the repository name');
    const v2 = counting('cmd', reuse, undefined, 2);
    await run([v2], new FsRepoView(dir, 'demo'), cache);
    assert.equal(v2.runs, 1, 'a new checker version never reads the old version\'s results');
    writeFileSync(join(dir, 'a.txt'), 'two');
    await run([v1], new FsRepoView(dir, 'demo'), cache);
    assert.equal(v1.runs, 4, 'a changed file changes the tree');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('fresh runs the command and replaces the stored result; reuse_results = false never reuses', async () => {
  const dir = folder({ 'a.txt': 'one' });
  try {
    const cache = newCache();
    const cmd = counting('cmd', { input: 'tree' });
    await run([cmd], new FsRepoView(dir, 'demo'), cache, { taskId: 't1' });
    const fresh = await run([cmd], new FsRepoView(dir, 'demo'), cache, { taskId: 't2', fresh: true });
    assert.deepEqual(fresh.reused, {});
    assert.equal(cmd.runs, 2);
    const after = await run([cmd], new FsRepoView(dir, 'demo'), cache, { taskId: 't3' });
    assert.deepEqual(after.reused, { cmd: 't2' }, 'the fresh result replaced the stored one');
    const off = newCache(false);
    await run([cmd], new FsRepoView(dir, 'demo'), off);
    await run([cmd], new FsRepoView(dir, 'demo'), off);
    assert.equal(cmd.runs, 4);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('errors, results a checker refuses to have reused, and corrupt stored results are never reused', async () => {
  const dir = folder({ 'a.txt': 'one' });
  try {
    const cache = newCache();
    const failing = counting('failing', { input: 'tree' }, async () => {
      throw new Error('transient');
    });
    const refusing = counting('refusing', { input: 'tree' }, async (ctx, n) => {
      ctx.doNotReuse?.('a time budget cut the scan short');
      return { n };
    });
    await run([failing, refusing], new FsRepoView(dir, 'demo'), cache);
    const again = await run([failing, refusing], new FsRepoView(dir, 'demo'), cache);
    assert.deepEqual(again.reused, {});
    assert.equal(failing.runs, 2);
    assert.equal(refusing.runs, 2);

    const good = counting('good', { input: 'tree' });
    const first = await run([good], new FsRepoView(dir, 'demo'), cache);
    // Damage every stored result: each lookup must fall back to computing, with the same result.
    const store = cache.store as MemoryResultCacheStore;
    for (const entry of (store as unknown as { results: Map<string, { value: string }> }).results.values()) entry.value = '{"files": [trunc';
    const recomputed = await run([good], new FsRepoView(dir, 'demo'), cache);
    assert.deepEqual(recomputed.reused, {});
    assert.equal(good.runs, 2);
    assert.deepEqual({ ...(recomputed.results.good as object), run: 1 }, first.results.good);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('dependency-files input: a source change keeps the key, a lockfile or manifest change does not', async () => {
  const dir = folder({ 'package-lock.json': '{"lockfileVersion":3,"packages":{}}', 'src/index.js': 'console.log(1)', 'README.md': '# demo' });
  try {
    const cache = newCache();
    const cmd = counting('deps', { input: 'dependency-files' });
    await run([cmd], new FsRepoView(dir, 'demo'), cache);
    writeFileSync(join(dir, 'src/index.js'), 'console.log(2)');
    writeFileSync(join(dir, 'README.md'), '# demo 2');
    await run([cmd], new FsRepoView(dir, 'demo'), cache);
    assert.equal(cmd.runs, 1, 'source and docs are not dependency files');
    writeFileSync(join(dir, 'package-lock.json'), '{"lockfileVersion":3,"packages":{"":{}}}');
    await run([cmd], new FsRepoView(dir, 'demo'), cache);
    assert.equal(cmd.runs, 2);
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub/requirements.txt'), 'flask==2.0.0\n');
    await run([cmd], new FsRepoView(dir, 'demo'), cache);
    assert.equal(cmd.runs, 3, 'a new manifest anywhere');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('vulnerability results: reused within [Cache] osv_ttl_s online, never with a TTL of 0; keyed by the offline snapshot', async () => {
  const dir = folder({ 'package-lock.json': '{"lockfileVersion":3,"packages":{}}' });
  const osvDir = mkdtempSync(join(tmpdir(), 'oc-reuse-osv-'));
  try {
    const cache = newCache();
    const cmd = counting('vulns', { input: 'dependency-files', vulnerabilities: true });
    await run([cmd], new FsRepoView(dir, 'demo'), cache);
    await run([cmd], new FsRepoView(dir, 'demo'), cache);
    assert.equal(cmd.runs, 1, 'within the TTL');
    await run([cmd], new FsRepoView(dir, 'demo'), cache, { config: testConfig({ OPENCHECKER_CACHE_OSV_TTL_S: '0' }) });
    await run([cmd], new FsRepoView(dir, 'demo'), cache, { config: testConfig({ OPENCHECKER_CACHE_OSV_TTL_S: '0' }) });
    assert.equal(cmd.runs, 3, 'TTL 0: every run asks again');
    const offline = testConfig({ OPENCHECKER_OSV_OFFLINE_DIR: osvDir });
    writeFileSync(join(osvDir, 'GHSA-1.json'), '{"id":"GHSA-1"}');
    await run([cmd], new FsRepoView(dir, 'demo'), cache, { config: offline });
    await run([cmd], new FsRepoView(dir, 'demo'), cache, { config: offline });
    assert.equal(cmd.runs, 4, 'the same snapshot');
    writeFileSync(join(osvDir, 'GHSA-2.json'), '{"id":"GHSA-2"}');
    await run([cmd], new FsRepoView(dir, 'demo'), cache, { config: offline });
    assert.equal(cmd.runs, 5, 'an updated database is another snapshot');
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(osvDir, { recursive: true, force: true });
  }
});

test('workflow-files input: only a CI workflow change changes the key', async () => {
  const dir = folder({ '.github/workflows/ci.yml': 'on: push\njobs: {}\n', 'src/index.js': 'console.log(1)', 'package.json': '{"name":"a"}' });
  try {
    const cache = newCache();
    const cmd = counting('workflows', { input: 'workflow-files' });
    await run([cmd], new FsRepoView(dir, 'demo'), cache);
    writeFileSync(join(dir, 'src/index.js'), 'console.log(2)');
    writeFileSync(join(dir, 'package.json'), '{"name":"b"}');
    await run([cmd], new FsRepoView(dir, 'demo'), cache);
    assert.equal(cmd.runs, 1, 'sources and manifests are not workflows');
    writeFileSync(join(dir, '.github/workflows/release.yaml'), 'on: release\njobs: {}\n');
    await run([cmd], new FsRepoView(dir, 'demo'), cache);
    assert.equal(cmd.runs, 2, 'a new workflow');
    writeFileSync(join(dir, '.github/workflows/ci.yml'), 'on: [push, pull_request]\njobs: {}\n');
    await run([cmd], new FsRepoView(dir, 'demo'), cache);
    assert.equal(cmd.runs, 3, 'a changed workflow');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
