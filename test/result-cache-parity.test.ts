/**
 * The result cache's correctness proof (issue 19, "Correctness first"): every command that runs offline here is
 * run through runTask on fixture repositories uncached, cached on an empty store (cold), cached again on the same
 * store (warm: facts hit, stored results reused with reused_from), and with facts only (reuse_results off: every
 * command recomputed from the stored facts). All must give the same results, ignoring only what is
 * time-dependent by design (scancode's header timestamps and duration, the sbom document's serial number and time). Also: a later commit with changed files,
 * another repository vendoring the same files under other paths and names, corrupt facts and results (computed
 * again, same results), a checker version bump and a relevant configuration change (no reuse). On SQLite, and on
 * PostgreSQL when its binaries are installed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECKER_METAS, getCheckerMeta } from '../src/checkers/metadata.js';
import { loadChecker } from '../src/checkers/registry.js';
import { runCommands } from '../src/checkers/runner.js';
import type { Checker, Json } from '../src/checkers/types.js';
import type { Config } from '../src/config/schema.js';
import { silentLogger } from '../src/lib/log.js';
import { FsRepoView } from '../src/lib/repo/repo-view.js';
import { ResultCache, type CacheOutcome } from '../src/lib/result-cache/cache.js';
import type { ResultCacheStore } from '../src/lib/result-cache/types.js';
import { MemoryCache } from '../src/lib/shared-cache.js';
import { openPostgres } from '../src/store/postgres.js';
import { openSqlite, SqliteStore } from '../src/store/sqlite.js';
import { parseRepoRef } from '../src/tasks/repo-ref.js';
import { runTask, type TaskRun } from '../src/tasks/run-task.js';
import { makeRepo, makeTask, testConfig, writeFiles, type FixtureRepo } from './support/fixtures.js';
import { hasTool } from './support/npm-tree.js';
import { fixtureRecord } from './support/osv-fixtures.js';
import { appFiles, vendoringFiles } from './support/parity-fixtures.js';
import { postgresAvailable, startPostgres, type PostgresServer } from './support/services.js';

/** Commands whose requirements are met here without network, plus those that run fully offline when told to. */
const OFFLINE_EXTRAS = ['osv-scanner', 'dependency-checker', 'sbom'];
const COMMANDS = CHECKER_METAS.filter(
  (meta) =>
    OFFLINE_EXTRAS.includes(meta.name) ||
    (meta.requirements.network !== true && (meta.requirements.config ?? []).length === 0 && (meta.requirements.tools ?? []).every(hasTool)),
)
  .map((meta) => meta.name)
  .sort();
const CACHEABLE = COMMANDS.filter((name) => getCheckerMeta(name)?.cache !== undefined);

/** Results with the fields that are time-dependent by design removed. */
function comparable(results: Record<string, Json>): Record<string, Json> {
  const copy = structuredClone(results);
  const scancode = copy.scancode as { headers?: Record<string, unknown>[] } | undefined;
  for (const header of scancode?.headers ?? []) {
    delete header.start_timestamp;
    delete header.end_timestamp;
    delete header.duration;
  }
  // sbom is not cached, but every document gets a new serial number and the time it was made.
  const sbom = copy.sbom as { serialNumber?: string; metadata?: { timestamp?: string } } | undefined;
  if (sbom && typeof sbom === 'object') {
    delete sbom.serialNumber;
    delete sbom.metadata?.timestamp;
  }
  return copy;
}

/** Paths (up to `limit`) where two JSON values differ, with both values, for a readable failure. */
function differences(actual: unknown, expected: unknown, path = '', out: string[] = [], limit = 8): string[] {
  if (out.length >= limit) return out;
  if (actual !== null && expected !== null && typeof actual === 'object' && typeof expected === 'object') {
    const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
    for (const key of keys) differences((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${path}/${key}`, out, limit);
    return out;
  }
  if (actual !== expected) out.push(`${path}: ${JSON.stringify(actual)?.slice(0, 300)} instead of ${JSON.stringify(expected)?.slice(0, 300)}`);
  return out;
}

/** Same results, command by command; a failure names the paths that differ. */
function assertSame(actual: Record<string, Json>, expected: Record<string, Json>, label: string): void {
  const found = differences(comparable(actual), expected);
  assert.ok(found.length === 0, `${label}: results differ\n${found.join('\n')}`);
}

/** Hits, misses (corrupt ones apart), writes per kind, without the kind's code digest. */
type Tally = Record<string, Record<CacheOutcome, number>>;

function tallied(store: ResultCacheStore, reuseResults: boolean): { cache: ResultCache; tally: Tally } {
  const tally: Tally = {};
  const cache = new ResultCache(store, {
    reuseResults,
    onlineTtlMs: 0,
    onCount: (kind, outcome, n) => {
      const key = kind.split(':').slice(0, 2).join(':');
      const counts = (tally[key] ??= { hit: 0, miss: 0, write: 0, corrupt: 0 });
      counts[outcome] += n;
    },
  });
  return { cache, tally };
}

/** The cacheable commands whose result in `results` may be stored (an {error} never is). */
function storable(results: Record<string, Json>): string[] {
  return CACHEABLE.filter((command) => {
    const result = results[command];
    return result !== null && typeof result === 'object' && (Array.isArray(result) || !('error' in result));
  });
}

function sum(tally: Tally, prefix: string, outcome: CacheOutcome): number {
  return Object.entries(tally)
    .filter(([kind]) => kind.startsWith(prefix))
    .reduce((total, [, counts]) => total + counts[outcome], 0);
}

interface Backend {
  name: string;
  skip: string | null;
  open(): Promise<{ store: ResultCacheStore; exec(sql: string): Promise<void>; close(): Promise<void> }>;
  cleanup?(): Promise<void>;
}

let postgres: PostgresServer | null = null;
let databases = 0;

const BACKENDS: Backend[] = [
  {
    name: 'sqlite',
    skip: null,
    async open() {
      const dir = await mkdtemp(join(tmpdir(), 'oc-parity-db-'));
      const store = new SqliteStore(openSqlite(join(dir, 'openchecker.db')));
      return {
        store: store.resultCache,
        exec: async (sql) => void store.sqlite.prepare(sql).run(),
        close: async () => {
          await store.close();
          await rm(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'postgres',
    skip: postgresAvailable(),
    async open() {
      postgres ??= await startPostgres();
      const url = await postgres.createDatabase(`parity_${process.pid}_${++databases}`);
      const store = await openPostgres({ url });
      return { store: store.resultCache, exec: async (sql) => void (await store.pool.query(sql)), close: () => store.close() };
    },
    async cleanup() {
      await postgres?.destroy();
      postgres = null;
    },
  },
];

for (const backend of BACKENDS) {
  describe(`result cache parity (${backend.name})`, { skip: backend.skip ?? false }, () => {
    let work: string;
    let app: FixtureRepo;
    let vendoring: FixtureRepo;
    let baseCommit: string;
    let config: Config;
    let db: Awaited<ReturnType<Backend['open']>>;

    before(async () => {
      work = await mkdtemp(join(tmpdir(), 'oc-parity-'));
      // The offline OSV database: records for two packages the fixture's lockfiles hold at affected versions.
      const osv = join(work, 'osv');
      await writeFiles(osv, {
        'npm/GHSA-whgm-jr23-g3j9.json': JSON.stringify(fixtureRecord('GHSA-whgm-jr23-g3j9')),
        'PyPI/PYSEC-2020-73.json': JSON.stringify(fixtureRecord('PYSEC-2020-73')),
      });
      config = testConfig({
        OPENCHECKER_OSV_OFFLINE_DIR: osv,
        OPENCHECKER_DEPSDEV_ENABLED: 'false',
        OPENCHECKER_REGISTRIES_ENABLED: 'false',
      });
      // Two commits, so changed-files-since-commit-detector has a base.
      const files = appFiles();
      const { 'CHANGELOG.md': changelog, ...first } = files;
      app = await makeRepo(first, { git: true, name: 'parity-app' });
      baseCommit = app.git('rev-parse', 'HEAD').trim();
      await writeFile(join(app.dir, 'CHANGELOG.md'), changelog as string);
      app.git('add', '--all');
      app.git('commit', '--quiet', '-m', 'changelog');
      vendoring = await makeRepo(vendoringFiles(), { git: true, name: 'consumer' });
      db = await backend.open();
    });
    after(async () => {
      await db?.close();
      await app?.cleanup();
      await vendoring?.cleanup();
      await rm(work, { recursive: true, force: true });
      await backend.cleanup?.();
    });

    /** One task on `repo`'s HEAD with every offline command. */
    const scan = async (repo: FixtureRepo, resultCache: ResultCache | null, overrides: { config?: Config; commands?: readonly string[] } = {}): Promise<TaskRun & { taskId: string }> => {
      const taskId = randomUUID();
      const name = repo === app ? 'parity-app' : 'consumer';
      const run = await runTask({
        task: makeTask({ taskId, projectUrl: repo.dir, repoName: name, commitHash: repo === app ? baseCommit : null }),
        commands: overrides.commands ?? COMMANDS,
        source: { clone: parseRepoRef(repo.dir) },
        makeWorkspace: () => mkdtemp(join(work, 'ws-')),
        allowLocalRepos: true,
        config: overrides.config ?? config,
        configDir: work,
        log: silentLogger(),
        // A shared cache of its own per task: no answer of an earlier run leaks into this one.
        cache: new MemoryCache(),
        resultCache,
      });
      assert.equal(run.status, 'succeeded', run.error ?? '');
      return { ...run, taskId };
    };

    let uncached: TaskRun;
    let coldTaskId: string;

    test('uncached, cold, warm and facts-only runs give the same results', async () => {
      assert.ok(COMMANDS.length >= 20, `only ${COMMANDS.length} commands run offline: ${COMMANDS.join(', ')}`);
      uncached = await scan(app, null);
      // Every cacheable command gives a real result on the fixture (an {error} is never stored, so would prove nothing).
      for (const command of CACHEABLE) {
        const result = uncached.scanResults[command] as Record<string, unknown>;
        assert.ok(result && !('error' in result), `${command}: ${JSON.stringify(result)}`);
      }
      // The fixture exercises the license facts: each of its licenses is found.
      const found = JSON.stringify((uncached.scanResults.scancode as { license_detections: unknown }).license_detections);
      for (const spdx of ['MIT', 'Apache-2.0', 'BSD-3-Clause']) assert.ok(found.includes(`"${spdx}"`), `${spdx} in ${found.slice(0, 500)}`);
      const expected = comparable(uncached.scanResults);

      const cold = tallied(db.store, true);
      const coldRun = await scan(app, cold.cache);
      coldTaskId = coldRun.taskId;
      assertSame(coldRun.scanResults, expected, 'cold');
      assert.equal(coldRun.reusedFrom, undefined);
      // (Facts may hit already: commands of one task share them, e.g. scancode and license-detector.)
      assert.ok(sum(cold.tally, 'fact:', 'write') > 0, JSON.stringify(cold.tally));
      assert.equal(sum(cold.tally, 'result:', 'write'), CACHEABLE.length, JSON.stringify(cold.tally));

      const warm = tallied(db.store, true);
      const warmRun = await scan(app, warm.cache);
      assertSame(warmRun.scanResults, expected, 'warm');
      assert.deepEqual(warmRun.reusedFrom, Object.fromEntries(CACHEABLE.map((command) => [command, coldTaskId])));
      assert.equal(sum(warm.tally, 'result:', 'hit'), CACHEABLE.length, JSON.stringify(warm.tally));
      assert.equal(sum(warm.tally, 'result:', 'miss'), 0, JSON.stringify(warm.tally));

      const factsOnly = tallied(db.store, false);
      const factsRun = await scan(app, factsOnly.cache);
      assertSame(factsRun.scanResults, expected, 'facts only');
      assert.equal(factsRun.reusedFrom, undefined);
      assert.equal(sum(factsOnly.tally, 'result:', 'hit'), 0);
      // Every analysis that keeps facts found all of them: nothing was analysed again.
      for (const kind of ['fact:licenses', 'fact:languages', 'fact:cloc', 'fact:binary-sniff']) {
        const counts = factsOnly.tally[kind];
        assert.ok(counts && counts.hit > 0, `${kind}: ${JSON.stringify(factsOnly.tally)}`);
        assert.equal(counts.miss + counts.corrupt, 0, `${kind}: ${JSON.stringify(factsOnly.tally)}`);
      }
    });

    test('a new commit with changed files gives what an uncached run of it gives, analysing only the changed files', async () => {
      await writeFiles(app.dir, {
        'src/main.py': 'import sys\n\nprint(sys.argv)\n',
        'web/app.ts': 'export const greet = (name: string): string => `hi ${name}`;\n// SPDX-License-Identifier: MIT\n',
        'src/extra.py': '# Copyright 2026 Someone Else\n# SPDX-License-Identifier: GPL-2.0-only\nVALUE = 1\n',
      });
      app.git('add', '--all');
      app.git('commit', '--quiet', '-m', 'change three files');
      const expected = comparable((await scan(app, null)).scanResults);
      const cached = tallied(db.store, true);
      const run = await scan(app, cached.cache);
      assertSame(run.scanResults, expected, 'cached');
      // The dependency and workflow files did not change: the commands keyed by them alone are reused; the
      // whole-tree ones are new.
      assert.deepEqual(run.reusedFrom, { 'osv-scanner': coldTaskId, 'token-permissions-checker': coldTaskId, 'dangerous-workflow-checker': coldTaskId });
      // Three changed blobs: the license scan reads those three at most, every other file is a hit.
      const licenses = cached.tally['fact:licenses'];
      assert.ok(licenses && licenses.miss <= 3 && licenses.hit > 20, JSON.stringify(cached.tally));
    });

    test('another repository vendoring the same files under other paths and names gives its own results', async () => {
      const expected = comparable((await scan(vendoring, null)).scanResults);
      const cached = tallied(db.store, true);
      const run = await scan(vendoring, cached.cache);
      assertSame(run.scanResults, expected, 'cached');
      assert.equal(run.reusedFrom, undefined);
      assert.ok(sum(cached.tally, 'fact:', 'hit') > 50, JSON.stringify(cached.tally));
      // A second run of it is served from its own stored results.
      const again = await scan(vendoring, tallied(db.store, true).cache);
      assertSame(again.scanResults, expected, 'cached');
      assert.deepEqual(Object.keys(again.reusedFrom ?? {}).sort(), storable(expected));
    });

    test('corrupt facts and corrupt results are computed again, with the same results', async () => {
      const expected = comparable((await scan(app, null)).scanResults);
      // Values that do not parse, and JSON of the wrong shape, spread over the rows.
      const garbage = ['%%% not json', '[]', '{"unexpected":true}', '42', '"text"', '{"license_detections":"x"}'];
      await db.exec(
        `update file_facts set value = case (length(key) + length(kind)) % ${garbage.length} ${garbage.map((value, i) => `when ${i} then '${value.replaceAll("'", "''")}'`).join(' ')} end`,
      );
      // Results: unparsable, bare, an {error}, valid JSON of the wrong shape, and a result whose bytes changed but
      // still parse (a flipped digit): the digest each stored result carries catches the last two.
      await db.exec(
        `update command_results set value = case substr(key, 1, 1) when '0' then 'garbage{' when '1' then 'null' when '2' then '{"error":"stored by mistake"}' when '3' then '{"unexpected":true}' else replace(replace(value, '1', '2'), '"', ' "') end`,
      );
      const factsOnly = tallied(db.store, false);
      assertSame((await scan(app, factsOnly.cache)).scanResults, expected, 'facts only, corrupt facts');
      assert.ok(sum(factsOnly.tally, 'fact:', 'corrupt') > 0, JSON.stringify(factsOnly.tally));
      const withResults = tallied(db.store, true);
      const run = await scan(app, withResults.cache);
      assertSame(run.scanResults, expected, 'corrupt results');
      assert.equal(run.reusedFrom, undefined);
      assert.equal(sum(withResults.tally, 'result:', 'corrupt'), CACHEABLE.length, JSON.stringify(withResults.tally));
      assert.equal(sum(withResults.tally, 'result:', 'write'), CACHEABLE.length, JSON.stringify(withResults.tally));
      // Both were overwritten with good values: the next run finds them.
      const healed = tallied(db.store, true);
      const next = await scan(app, healed.cache);
      assertSame(next.scanResults, expected, 'cached');
      assert.deepEqual(next.reusedFrom, Object.fromEntries(CACHEABLE.map((command) => [command, run.taskId])));
      const factsAgain = tallied(db.store, false);
      await scan(app, factsAgain.cache, { commands: ['scancode', 'languages-detector', 'code-count', 'binary-checker'] });
      assert.equal(sum(factsAgain.tally, 'fact:', 'corrupt') + sum(factsAgain.tally, 'fact:', 'miss'), 0, JSON.stringify(factsAgain.tally));
    });

    test('a relevant configuration change is not reused', async () => {
      const legacy = testConfig({ ...configEnv(config), OPENCHECKER_OPENCHECK_LEGACY_TEXT_RESULTS: 'true' });
      const commands = ['readme-checker', 'maintainers-checker', 'license-detector'];
      const expected = comparable((await scan(app, null, { config: legacy, commands })).scanResults);
      const run = await scan(app, tallied(db.store, true).cache, { config: legacy, commands });
      assertSame(run.scanResults, expected, 'cached');
      // license-detector does not read legacy_text_results: its result is still reused.
      assert.deepEqual(Object.keys(run.reusedFrom ?? {}), ['license-detector']);
      assert.notDeepEqual(expected['readme-checker'], uncached.scanResults['readme-checker'], 'the setting changes the result');
    });

    test('a checker version bump is not reused; the same version from a folder view is', async () => {
      const names = ['readme-checker', 'scancode'];
      const checkers = new Map<string, Checker>();
      for (const name of names) checkers.set(name, (await loadChecker(name)) as Checker);
      const run = async (bump: boolean): Promise<{ results: Record<string, Json>; reused: string[] }> => {
        const reused: string[] = [];
        const { cache } = tallied(db.store, true);
        // A folder read in place hashes its files as git does: the same keys as the clones above.
        const repo = new FsRepoView(app.dir, 'parity-app', { resultCache: cache });
        try {
          const results = await runCommands({
            commands: names,
            task: makeTask({ taskId: randomUUID(), projectUrl: app.dir, repoName: 'parity-app' }),
            repo,
            config,
            configDir: work,
            log: silentLogger(),
            cache: new MemoryCache(),
            resultCache: cache,
            lookup: (name) => {
              const checker = checkers.get(name);
              return checker && bump && name === 'readme-checker' ? { ...checker, version: checker.version + 1 } : checker;
            },
            onReused: (command) => reused.push(command),
          });
          return { results, reused };
        } finally {
          await repo.close();
        }
      };
      const same = await run(false);
      assert.deepEqual(same.reused.sort(), names);
      const bumped = await run(true);
      assert.deepEqual(bumped.reused, ['scancode']);
      assert.deepEqual(comparable(bumped.results), comparable(same.results));
    });
  });
}

/** The OPENCHECKER_* variables that make `config` from testConfig, for a variant with one more. */
function configEnv(config: Config): NodeJS.ProcessEnv {
  return { OPENCHECKER_OSV_OFFLINE_DIR: config.OSV.offline_dir, OPENCHECKER_DEPSDEV_ENABLED: 'false', OPENCHECKER_REGISTRIES_ENABLED: 'false' };
}
