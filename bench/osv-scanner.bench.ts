/**
 * osv-scanner benchmark (issue 5): what a scan of a large lockfile costs, side by side in one run —
 *  - online, cold: a fresh shared cache, against a local OSV API (test/fakes/osv.ts, the documented API
 *    behaviour) holding every record; counts the requests (batches of ≤ 1,000, one GET per distinct record);
 *  - online, warm: a second task with the same shared cache (what a second repository with the same
 *    dependencies costs): no request is expected;
 *  - offline, cold: `[OSV] offline_dir` holding one osv.dev-style `all.zip` of every record, loaded and indexed
 *    in this task; offline, warm: the same directory again (the database is kept per process);
 *  - online, cold, with REFUSED packages OSV answers 400 for (test/fakes/osv-validating.ts): what isolating
 *    them costs, when the 400 names the query's index and when it does not (bisection).
 * The lockfile: PACKAGES npm packages in one package-lock.json (v3), one in ten vulnerable (3 records each, one
 * pair aliased); the database adds DECOYS records of other packages, as a real export mostly holds.
 * The upstream tool (the osv-scanner Go binary) is not installed here, so it is not run; its reference point
 * is its own design: one querybatch per 1,000 packages and one GET per record, with no cache across runs.
 * Environment: BENCH_ROUNDS (default 3), BENCH_PACKAGES (3000), BENCH_DECOYS (20000), BENCH_REFUSED (3).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { makeRepo, makeTask, testConfig } from '../test/support/fixtures.js';
import { startFakeOsv } from '../test/fakes/osv.js';
import { startValidatingOsv } from '../test/fakes/osv-validating.js';
import { runCommands } from '../src/checkers/runner.js';
import { silentLogger } from '../src/lib/log.js';
import { MemoryCache, type SharedCache } from '../src/lib/shared-cache.js';
import type { OsvVulnerability } from '../src/analysis/osv/types.js';
import { formatTable, machine, median, round, tempDir, writeResults } from './support.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PACKAGES = Number(process.env.BENCH_PACKAGES ?? 3000);
const DECOYS = Number(process.env.BENCH_DECOYS ?? 20000);
const REFUSED = Number(process.env.BENCH_REFUSED ?? 3);

const version = (i: number): string => `1.${i % 50}.${i % 7}`;

function records(): OsvVulnerability[] {
  const list: OsvVulnerability[] = [];
  const semver = (name: string, fixed: string): OsvVulnerability['affected'] => [
    { package: { ecosystem: 'npm', name }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed }] }] },
  ];
  for (let i = 0; i < PACKAGES; i += 10) {
    const name = `bench-pkg-${i}`;
    list.push({ id: `GHSA-bench-${i}-a`, modified: '2024-01-01T00:00:00Z', aliases: [`CVE-2024-${i}`], affected: semver(name, '9.0.0'), severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' }] });
    list.push({ id: `CVE-2024-${i}`, modified: '2024-01-01T00:00:00Z', aliases: [`GHSA-bench-${i}-a`], affected: semver(name, '9.0.0') });
    list.push({ id: `GHSA-bench-${i}-b`, modified: '2024-01-01T00:00:00Z', affected: semver(name, '5.0.0') });
    // Not affecting the pinned version: must not be reported.
    list.push({ id: `GHSA-bench-${i}-c`, modified: '2024-01-01T00:00:00Z', affected: semver(name, '1.0.0') });
  }
  for (let j = 0; j < DECOYS; j++) list.push({ id: `GHSA-decoy-${j}`, modified: '2024-01-01T00:00:00Z', affected: semver(`decoy-${j}`, '2.0.0') });
  return list;
}

function packageLock(): string {
  const packages: Record<string, unknown> = { '': { name: 'bench', version: '1.0.0' } };
  for (let i = 0; i < PACKAGES; i++) {
    packages[`node_modules/bench-pkg-${i}`] = { version: version(i), resolved: `https://registry.example.test/bench-pkg-${i}/-/bench-pkg-${i}-${version(i)}.tgz`, license: 'MIT' };
  }
  return JSON.stringify({ name: 'bench', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2);
}

interface Measure {
  ms: number;
  querybatch: number;
  vulns: number;
  vulnerable: number;
}

async function main(): Promise<void> {
  const all = records();
  const osv = await startFakeOsv(all);
  const zipDir = tempDir('osv-zip');
  const zip = zipSync(Object.fromEntries(all.map((record) => [`${record.id}.json`, strToU8(JSON.stringify(record))])));
  await writeFile(join(zipDir, 'all.zip'), zip);
  const lock = packageLock();

  // The first REFUSED vulnerable-free packages (i % 10 !== 0) are refused by the validating fronts.
  const refusedNames = new Set(Array.from({ length: 10 * REFUSED }, (_, i) => `bench-pkg-${i}`).filter((_, i) => i % 10 !== 0).slice(0, REFUSED));
  const indexed = await startValidatingOsv(all, { style: 'indexed', refuse: (query) => refusedNames.has(query.name) });
  const plain = await startValidatingOsv(all, { style: 'plain', refuse: (query) => refusedNames.has(query.name) });
  // The same front refusing nothing: its own cost (a second HTTP hop for every request) apart from isolation.
  const front = await startValidatingOsv(all);
  const counters = new Map([
    [osv.url, { querybatch: () => osv.count('querybatch'), vulns: () => osv.count('vulns') }],
    [indexed.url, { querybatch: () => indexed.batches.length, vulns: () => indexed.inner.count('vulns') }],
    [plain.url, { querybatch: () => plain.batches.length, vulns: () => plain.inner.count('vulns') }],
    [front.url, { querybatch: () => front.batches.length, vulns: () => front.inner.count('vulns') }],
  ]);

  const scan = async (cache: SharedCache, env: Record<string, string>): Promise<Measure> => {
    const repo = await makeRepo({ 'package-lock.json': lock }, { name: 'bench' });
    const count = counters.get(env.OPENCHECKER_OSV_API_URL ?? osv.url) ?? { querybatch: () => osv.count('querybatch'), vulns: () => osv.count('vulns') };
    try {
      const before = { querybatch: count.querybatch(), vulns: count.vulns() };
      const started = performance.now();
      const results = await runCommands({ commands: ['osv-scanner'], task: makeTask({ repoName: 'bench' }), repo: repo.view, config: testConfig(env), configDir: tmpdir(), log: silentLogger(), cache });
      const ms = performance.now() - started;
      const report = results['osv-scanner'] as { results?: { packages: unknown[] }[]; error?: string };
      if (report.error) throw new Error(report.error);
      return { ms, querybatch: count.querybatch() - before.querybatch, vulns: count.vulns() - before.vulns, vulnerable: report.results?.[0]?.packages.length ?? 0 };
    } finally {
      await repo.cleanup();
    }
  };

  const frontRun = 'online, cold, validating front, none refused';
  const refusedRun = `online, cold, ${REFUSED} refused (400 names the index)`;
  const bisectRun = `online, cold, ${REFUSED} refused (400 without index: bisection)`;
  const runs: Record<string, Measure[]> = { 'online, cold cache': [], 'online, warm cache': [], 'offline, cold (load all.zip)': [], 'offline, warm': [], [frontRun]: [], [refusedRun]: [], [bisectRun]: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const cache = new MemoryCache();
    runs['online, cold cache']?.push(await scan(cache, { OPENCHECKER_OSV_API_URL: osv.url }));
    runs['online, warm cache']?.push(await scan(cache, { OPENCHECKER_OSV_API_URL: osv.url }));
    // A fresh directory per round, so the offline database is loaded again.
    const dir = await mkdtemp(join(zipDir, `round-${round}-`));
    await writeFile(join(dir, 'all.zip'), zip);
    runs['offline, cold (load all.zip)']?.push(await scan(new MemoryCache(), { OPENCHECKER_OSV_OFFLINE_DIR: dir }));
    runs['offline, warm']?.push(await scan(new MemoryCache(), { OPENCHECKER_OSV_OFFLINE_DIR: dir }));
    runs[frontRun]?.push(await scan(new MemoryCache(), { OPENCHECKER_OSV_API_URL: front.url }));
    runs[refusedRun]?.push(await scan(new MemoryCache(), { OPENCHECKER_OSV_API_URL: indexed.url }));
    runs[bisectRun]?.push(await scan(new MemoryCache(), { OPENCHECKER_OSV_API_URL: plain.url }));
  }
  await osv.close();
  await indexed.close();
  await plain.close();
  await front.close();

  const expected = Math.ceil(PACKAGES / 10);
  const rows = Object.entries(runs).map(([name, measures]) => {
    const last = measures[measures.length - 1] as Measure;
    return [name, round(median(measures.map((m) => m.ms))), round((PACKAGES / median(measures.map((m) => m.ms))) * 1000), last.querybatch, last.vulns, last.vulnerable === expected ? 'yes' : `NO (${last.vulnerable})`];
  });
  const rssMb = round(process.resourceUsage().maxRSS / 1024, 1);
  process.stdout.write(`osv-scanner: ${PACKAGES} packages (${expected} vulnerable), ${all.length} records, ${ROUNDS} rounds\n`);
  process.stdout.write(`${formatTable(['run', 'median ms', 'packages/s', 'querybatch', 'GET vulns', 'correct'], rows)}\n`);
  process.stdout.write(`peak RSS of the benchmark process: ${rssMb} MB\n`);
  const path = writeResults('osv-scanner', { packages: PACKAGES, records: all.length, rounds: ROUNDS, runs, peak_rss_mb: rssMb, machine: machine() });
  process.stdout.write(`results: ${path}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
