/**
 * Vulnerability rescan benchmark (issue 19, `openchecker rescan --vulns`): what re-evaluating stored package
 * inventories against an updated offline OSV database costs, without cloning.
 *  - TASKS finished tasks in an embedded (SQLite) store, one project each, each with an osv-scanner result of
 *    PACKAGES npm packages (drawn from a pool of POOL names, so projects share dependencies as real ones do) and
 *    a result of another command of OTHER_KB kilobytes beside it (the rescan reads only osv-scanner's part);
 *  - the database before: 2 records for one pool package in ten, plus DECOYS records of other packages; after
 *    the update: one record in four of those withdrawn, NEW records for other pool packages;
 *  - runs: loading the updated database (a directory holding one all.zip), the rescan (store pages, matching,
 *    diff), and the rescan with update (writes a task per changed project), each ROUNDS times.
 * The added and removed counts are checked against what the generator planted.
 * Environment: BENCH_ROUNDS (3), BENCH_TASKS (200), BENCH_PACKAGES (500), BENCH_POOL (5000), BENCH_DECOYS (20000),
 * BENCH_NEW (100), BENCH_OTHER_KB (100).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { queryKey } from '../src/analysis/osv/client.js';
import { OfflineDatabase, loadOfflineDatabase } from '../src/analysis/osv/offline.js';
import { buildScanReport, collectQueries } from '../src/analysis/osv/scan.js';
import type { OsvVulnerability } from '../src/analysis/osv/types.js';
import type { ExtractionResult } from '../src/analysis/dependencies/types.js';
import { SqliteStore, openSqlite } from '../src/store/sqlite.js';
import { rescanVulnerabilities } from '../src/tasks/vuln-rescan.js';
import { formatTable, machine, median, round, tempDir, writeResults } from './support.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TASKS = Number(process.env.BENCH_TASKS ?? 200);
const PACKAGES = Number(process.env.BENCH_PACKAGES ?? 500);
const POOL = Number(process.env.BENCH_POOL ?? 5000);
const DECOYS = Number(process.env.BENCH_DECOYS ?? 20000);
const NEW = Number(process.env.BENCH_NEW ?? 100);
const OTHER_KB = Number(process.env.BENCH_OTHER_KB ?? 100);

const name = (i: number): string => `pool-pkg-${i}`;
const semver = (pkg: string): OsvVulnerability['affected'] => [{ package: { ecosystem: 'npm', name: pkg }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '99.0.0' }] }] }];
const rec = (id: string, pkg: string, extra: Partial<OsvVulnerability> = {}): OsvVulnerability => ({ id, modified: '2024-01-01T00:00:00Z', summary: `${id}`, affected: semver(pkg), ...extra });

/** Before and after the update; `withdrawnPkgs` and `newPkgs`: the pool packages whose answer changes. */
function databases(): { before: OsvVulnerability[]; after: OsvVulnerability[]; withdrawnPkgs: Set<string>; newPkgs: Set<string> } {
  const before: OsvVulnerability[] = [];
  const after: OsvVulnerability[] = [];
  const withdrawnPkgs = new Set<string>();
  const newPkgs = new Set<string>();
  for (let i = 0; i < POOL; i += 10) {
    const a = rec(`GHSA-pool-${i}-a`, name(i));
    const b = rec(`GHSA-pool-${i}-b`, name(i));
    before.push(a, b);
    if (i % 40 === 0) {
      after.push({ ...a, withdrawn: '2024-06-01T00:00:00Z', modified: '2024-06-01T00:00:00Z' }, b);
      withdrawnPkgs.add(name(i));
    } else {
      after.push(a, b);
    }
  }
  for (let j = 0; j < NEW; j++) {
    const pkg = name(j * 10 + 5);
    after.push(rec(`GHSA-new-${j}`, pkg));
    newPkgs.add(pkg);
  }
  for (let j = 0; j < DECOYS; j++) {
    const decoy = rec(`GHSA-decoy-${j}`, `decoy-${j}`);
    before.push(decoy);
    after.push(decoy);
  }
  return { before, after, withdrawnPkgs, newPkgs };
}

/** A deterministic spread of pool packages per task. */
function taskPackages(task: number): string[] {
  const names = new Set<string>();
  let x = task * 7919 + 1;
  while (names.size < Math.min(PACKAGES, POOL)) {
    x = (x * 1103515245 + 12345) % 2147483648;
    names.add(name(Math.floor(x / 65536) % POOL));
  }
  return [...names];
}

async function seed(dbPath: string, before: OfflineDatabase, withdrawnPkgs: Set<string>, newPkgs: Set<string>): Promise<{ added: number; removed: number; changedProjects: number }> {
  const store = new SqliteStore(openSqlite(dbPath));
  const other = { files: 'x'.repeat(OTHER_KB * 1024) };
  let added = 0;
  let removed = 0;
  let changedProjects = 0;
  try {
    for (let t = 0; t < TASKS; t++) {
      const names = taskPackages(t);
      const extractions: ExtractionResult[] = [{ file: 'package-lock.json', extractor: 'package-lock', packages: names.map((pkg) => ({ name: pkg, version: '1.0.0', ecosystem: 'npm' as const, purl: `pkg:npm/${pkg}@1.0.0`, sourceFile: 'package-lock.json' })) }];
      const vulnerabilities = new Map(collectQueries(extractions).map((query) => [queryKey(query), before.lookup(query)]));
      const result = buildScanReport({ repoName: `project-${t}`, extractions, vulnerabilities });
      const taskId = `bench-task-${t}`;
      await store.createTask({ taskId, projectUrl: `https://git.invalid/bench/project-${t}`, commandList: ['osv-scanner', 'scancode'], taskMetadata: {}, commitHash: null, callbackUrl: null, submittedBy: null });
      await store.finishTask(taskId, { status: 'succeeded', scanResults: { 'osv-scanner': result, scancode: other }, error: null, commandVersions: { 'osv-scanner': 3, scancode: 1 } });
      const taskAdded = names.filter((pkg) => newPkgs.has(pkg)).length;
      const taskRemoved = names.filter((pkg) => withdrawnPkgs.has(pkg)).length;
      added += taskAdded;
      removed += taskRemoved;
      if (taskAdded + taskRemoved > 0) changedProjects++;
    }
  } finally {
    await store.close();
  }
  return { added, removed, changedProjects };
}

async function main(): Promise<void> {
  const work = tempDir('oc-bench-rescan-');
  const { before, after, withdrawnPkgs, newPkgs } = databases();
  const beforeDb = new OfflineDatabase();
  for (const record of before) beforeDb.add(record);
  const osvDir = join(work, 'osv');
  await mkdir(osvDir);
  await writeFile(join(osvDir, 'all.zip'), zipSync(Object.fromEntries(after.map((record) => [`${record.id}.json`, strToU8(JSON.stringify(record))]))));

  const runs: Record<string, number[]> = { 'load updated database (all.zip)': [], rescan: [], 'rescan --update': [] };
  let last: Awaited<ReturnType<typeof rescanVulnerabilities>> | null = null;
  let expected: Awaited<ReturnType<typeof seed>> | null = null;
  const seedStarted = performance.now();
  for (let r = 0; r < ROUNDS; r++) {
    // A fresh store per round: --update writes new tasks, which the next rescan would diff against.
    const dbPath = join(work, `round-${r}`, 'openchecker.db');
    expected = await seed(dbPath, beforeDb, withdrawnPkgs, newPkgs);
    if (r === 0) process.stdout.write(`seeded ${TASKS} tasks in ${round((performance.now() - seedStarted) / 1000, 1)} s\n`);
    let started = performance.now();
    const { db } = await loadOfflineDatabase(osvDir, new AbortController().signal);
    runs['load updated database (all.zip)']?.push(performance.now() - started);
    const store = new SqliteStore(openSqlite(dbPath));
    try {
      const options = { store, source: db, sourceLabel: 'offline:bench', checkerVersion: 3, signal: new AbortController().signal };
      started = performance.now();
      last = await rescanVulnerabilities(options);
      runs.rescan?.push(performance.now() - started);
      started = performance.now();
      await rescanVulnerabilities({ ...options, update: true });
      runs['rescan --update']?.push(performance.now() - started);
    } finally {
      await store.close();
    }
  }
  if (!last || !expected) throw new Error('no round ran');
  const correct = last.summary.added === expected.added && last.summary.removed === expected.removed && last.summary.changed === expected.changedProjects;
  const inventories = TASKS * Math.min(PACKAGES, POOL);
  const rows = Object.entries(runs).map(([run, ms]) => [run, round(median(ms)), run.startsWith('rescan') ? round((inventories / median(ms)) * 1000) : '']);
  const rssMb = round(process.resourceUsage().maxRSS / 1024, 1);
  process.stdout.write(`vuln-rescan: ${TASKS} tasks x ${Math.min(PACKAGES, POOL)} packages (pool ${POOL}), ${after.length} records after the update, other result ${OTHER_KB} KB per task, ${ROUNDS} rounds\n`);
  process.stdout.write(`${formatTable(['run', 'median ms', 'stored packages/s'], rows)}\n`);
  process.stdout.write(
    `changed projects ${last.summary.changed} (expected ${expected.changedProjects}), added ${last.summary.added} (expected ${expected.added}), removed ${last.summary.removed} (expected ${expected.removed}), distinct packages ${last.summary.distinctPackages}: ${correct ? 'correct' : 'WRONG'}\n`,
  );
  process.stdout.write(`peak RSS of the benchmark process: ${rssMb} MB\n`);
  const path = writeResults('vuln-rescan', { tasks: TASKS, packages: PACKAGES, pool: POOL, records: after.length, other_kb: OTHER_KB, rounds: ROUNDS, runs, summary: last.summary, expected, correct, peak_rss_mb: rssMb, machine: machine() });
  process.stdout.write(`results: ${path}\n`);
  if (!correct) process.exit(1);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
