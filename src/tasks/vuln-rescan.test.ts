import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { queryKey } from '../analysis/osv/client.js';
import { OfflineDatabase } from '../analysis/osv/offline.js';
import { buildScanReport, collectQueries } from '../analysis/osv/scan.js';
import type { OsvVulnerability } from '../analysis/osv/types.js';
import type { ExtractionResult, PackageRecord } from '../analysis/dependencies/types.js';
import { MemoryCache } from '../lib/shared-cache.js';
import { SqliteStore, openSqlite } from '../store/sqlite.js';
import { openPostgres } from '../store/postgres.js';
import type { Store } from '../store/types.js';
import { postgresAvailable, startPostgres, type PostgresServer } from '../../test/support/services.js';
import { startFakeOsv } from '../../test/fakes/osv.js';
import { testConfig } from '../../test/support/fixtures.js';
import { rescanVulnerabilities, type RescanReport } from './vuln-rescan.js';
import { openRescanSource } from './vuln-source.js';

const COMMIT = 'c2b377e7a254264fd4a1fe328e4e3cfc9e245570';
const P1 = 'https://git.invalid/acme/one';
const P2 = 'https://git.invalid/acme/two';
const P3 = 'https://git.invalid/acme/three';
const P4 = 'https://git.invalid/acme/four';
const P5 = 'https://git.invalid/acme/five';

type Events = { introduced?: string; fixed?: string; last_affected?: string }[];
function record(id: string, name: string, events: Events, extra: Partial<OsvVulnerability> = {}, type = 'SEMVER'): OsvVulnerability {
  return { id, modified: '2024-01-01T00:00:00Z', summary: `${id} in ${name}`, affected: [{ package: { ecosystem: 'npm', name }, ranges: [{ type, events }] }], ...extra };
}

/** The database before the update, and after it: REC-A withdrawn, REC-B revised, REC-C, REC-D and REC-G new. */
const BEFORE = [record('REC-A', 'left-pad', [{ introduced: '0' }, { fixed: '1.3.0' }]), record('REC-B', 'lodash', [{ introduced: '0' }, { fixed: '4.17.21' }])];
const AFTER = [
  { ...record('REC-A', 'left-pad', [{ introduced: '0' }, { fixed: '1.3.0' }]), withdrawn: '2024-05-01T00:00:00Z', modified: '2024-05-01T00:00:00Z' },
  { ...record('REC-B', 'lodash', [{ introduced: '0' }, { fixed: '4.17.21' }]), modified: '2024-06-01T00:00:00Z', severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }] },
  record('REC-C', 'lodash', [{ introduced: '0' }, { last_affected: '4.17.21' }]),
  record('REC-D', 'mocha', [{ introduced: '0' }, { fixed: '11.0.0' }]),
  record('REC-G', 'gitdep', [{ introduced: COMMIT }], {}, 'GIT'),
];

const pkg = (name: string, version: string, over: Partial<PackageRecord> = {}): PackageRecord => ({ name, version, ecosystem: 'npm', purl: `pkg:npm/${name}@${version}`, sourceFile: 'package-lock.json', ...over });
const lock = (file: string, packages: PackageRecord[]): ExtractionResult => ({ file, extractor: 'package-lock', packages });

const EXTRACTIONS: Record<string, ExtractionResult[]> = {
  [P1]: [lock('package-lock.json', [pkg('left-pad', '1.2.0'), pkg('lodash', '4.17.21'), pkg('gitdep', '', { commit: COMMIT, resolution: 'git' }), pkg('mocha', '10.0.0', { dev: true })])],
  [P2]: [lock('web/package-lock.json', [pkg('lodash', '4.17.20')])],
  [P3]: [lock('package-lock.json', [pkg('left-pad', '1.3.0')])],
  [P5]: [lock('package-lock.json', [pkg('lodash', '4.17.20'), pkg('left-pad', '1.3.0')])],
};

function database(records: readonly OsvVulnerability[]): OfflineDatabase {
  const db = new OfflineDatabase();
  for (const entry of records) db.add(entry);
  return db;
}

/** What osv-scanner stores for these lockfiles against this database (the checker's own report builder). */
function scanResult(repoName: string, extractions: ExtractionResult[], db: OfflineDatabase): Record<string, unknown> {
  const vulnerabilities = new Map(collectQueries(extractions).map((query) => [queryKey(query), db.lookup(query)]));
  return { ...buildScanReport({ repoName, extractions, vulnerabilities }), avg_vulnerability_fix_days: null, avg_vulnerability_fix_reason: 'kept as the scan left it' };
}

let counter = 0;
async function storeTask(store: Store, projectUrl: string, result: unknown, version = 3): Promise<string> {
  const taskId = `task-${++counter}-${projectUrl.split('/').pop() ?? ''}`;
  await store.createTask({ taskId, projectUrl, commandList: ['readme-checker', 'osv-scanner'], taskMetadata: { label: projectUrl }, commitHash: 'abc123', callbackUrl: null, submittedBy: 'alice', ownerId: 'owner-1' });
  await store.startTask(taskId, 'agent-1');
  await store.finishTask(taskId, { status: 'succeeded', scanResults: { 'readme-checker': { readme_file: ['README.md'] }, 'osv-scanner': result }, error: null, commandVersions: { 'readme-checker': 3, 'osv-scanner': version } });
  return taskId;
}

/** Five projects scanned against BEFORE (and an older scan of P2 that a newer one replaces). */
async function seed(store: Store): Promise<Record<string, string>> {
  const db = database(BEFORE);
  await storeTask(store, P2, scanResult('two', [lock('package-lock.json', [pkg('left-pad', '1.2.0')])], db));
  const ids: Record<string, string> = {};
  ids[P1] = await storeTask(store, P1, scanResult('one', EXTRACTIONS[P1] ?? [], db));
  ids[P2] = await storeTask(store, P2, scanResult('two', EXTRACTIONS[P2] ?? [], db));
  ids[P3] = await storeTask(store, P3, scanResult('three', EXTRACTIONS[P3] ?? [], db));
  ids[P4] = await storeTask(store, P4, { error: 'no lockfile could be read' });
  // A version-2 result: no inventory, only the vulnerable packages.
  const { inventory: _dropped, ...v2 } = scanResult('five', EXTRACTIONS[P5] ?? [], db);
  ids[P5] = await storeTask(store, P5, v2, 2);
  // A task that did not run osv-scanner is not a candidate, however new.
  await store.createTask({ taskId: `task-${++counter}`, projectUrl: P3, commandList: ['readme-checker'], taskMetadata: {}, commitHash: null, callbackUrl: null, submittedBy: null });
  return ids;
}

const change = (id: string, name: string, version: string): { id: string; ecosystem: string; name: string; version: string; summary: string } => ({ id, ecosystem: 'npm', name, version, summary: `${id} in ${name}` });
const byProject = (report: RescanReport): Map<string, RescanReport['projects'][number]> => new Map(report.projects.map((project) => [project.projectUrl, project]));

/** The whole scenario, on one store: rescan, rescan with update, rescan again, filters. */
async function scenario(store: Store): Promise<void> {
  const ids = await seed(store);
  const after = database(AFTER);
  const signal = new AbortController().signal;
  const base = { store, source: after, sourceLabel: 'offline:test', checkerVersion: 3, signal };

  const report = await rescanVulnerabilities({ ...base, pageSize: 2 });
  assert.deepEqual(report.projects.map((project) => project.projectUrl), [P5, P4, P3, P2, P1], 'each project once, newest scan first');
  const projects = byProject(report);
  const one = projects.get(P1);
  assert.equal(one?.taskId, ids[P1]);
  assert.deepEqual([one?.inventory, one?.packages, one?.checkerVersion], ['full', 4, 3]);
  assert.deepEqual(one?.added, [change('REC-G', 'gitdep', COMMIT), change('REC-C', 'lodash', '4.17.21'), change('REC-D', 'mocha', '10.0.0')]);
  assert.deepEqual(one?.removed, [change('REC-A', 'left-pad', '1.2.0')], 'withdrawn: gone');
  assert.deepEqual(one?.updated, []);
  const two = projects.get(P2);
  assert.equal(two?.taskId, ids[P2], 'the latest scan of P2, not the older one');
  assert.deepEqual([two?.added, two?.removed, two?.updated], [[change('REC-C', 'lodash', '4.17.20')], [], ['REC-B']]);
  assert.deepEqual([projects.get(P3)?.unchanged, projects.get(P3)?.added, projects.get(P3)?.removed], [true, [], []]);
  assert.deepEqual([projects.get(P4)?.skipped, projects.get(P4)?.unchanged], ['the scan failed: no lockfile could be read', false]);
  const five = projects.get(P5);
  assert.deepEqual([five?.inventory, five?.packages, five?.checkerVersion], ['partial', 1, 2], 'a version-2 result: only its vulnerable package is asked again');
  assert.deepEqual([five?.added, five?.updated], [[change('REC-C', 'lodash', '4.17.20')], ['REC-B']]);
  assert.deepEqual(report.summary, { projects: 5, changed: 3, unchanged: 1, skipped: 1, added: 5, removed: 1, distinctPackages: 6, recorded: 0 });
  assert.equal((await store.listTasks({ limit: 100 })).tasks.length, 7, 'a rescan without update writes nothing');

  // --update: the changed projects get a new task holding the re-evaluated result.
  const updated = await rescanVulnerabilities({ ...base, update: true });
  assert.equal(updated.summary.recorded, 3);
  const recordedId = byProject(updated).get(P1)?.recordedTaskId;
  assert.ok(recordedId);
  const recorded = await store.getTask(recordedId);
  assert.equal(recorded?.status, 'succeeded');
  assert.deepEqual([recorded?.projectUrl, recorded?.commitHash, recorded?.ownerId, recorded?.commandList, recorded?.callbackUrl], [P1, 'abc123', 'owner-1', ['osv-scanner'], null]);
  assert.deepEqual(recorded?.taskMetadata, { label: P1, rescan_of: ids[P1], rescan_source: 'offline:test' });
  assert.deepEqual(recorded?.commandVersions, { 'osv-scanner': 3 });
  // The re-evaluated result is what a fresh scan of the same lockfiles against the new database reports.
  assert.deepEqual(recorded?.scanResults?.['osv-scanner'], scanResult('one', EXTRACTIONS[P1] ?? [], after));
  assert.equal(recorded?.callback.status, 'none');

  const again = await rescanVulnerabilities(base);
  assert.deepEqual(again.summary, { projects: 5, changed: 0, unchanged: 4, skipped: 1, added: 0, removed: 0, distinctPackages: 6, recorded: 0 }, 'the next rescan diffs against the recorded results');
  assert.equal(byProject(again).get(P1)?.taskId, recordedId);
  assert.equal(byProject(again).get(P5)?.inventory, 'partial', 'a recorded partial result stays partial');

  // Filters.
  assert.deepEqual((await rescanVulnerabilities({ ...base, projectUrl: P2 })).projects.map((project) => project.projectUrl), [P2]);
  assert.deepEqual((await rescanVulnerabilities({ ...base, limit: 2 })).projects.map((project) => project.projectUrl), [P1, P2], 'the newest two scans (recorded in the order P5, P2, P1)');
  assert.equal((await rescanVulnerabilities({ ...base, since: new Date(Date.now() + 60_000).toISOString() })).projects.length, 0);
  assert.equal((await rescanVulnerabilities({ ...base, since: '2000-01-01T00:00:00.000Z' })).projects.length, 5);
}

describe('vulnerability rescan', () => {
  let work: string;
  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'oc-rescan-'));
  });
  after(async () => {
    await rm(work, { recursive: true, force: true });
  });

  test('SQLite: added and removed vulnerabilities per project, update, filters', async () => {
    const store = new SqliteStore(openSqlite(join(work, 'sqlite', 'openchecker.db')));
    try {
      await scenario(store);
    } finally {
      await store.close();
    }
  });

  test('an offline directory whose records change between rescans', async () => {
    const dir = join(work, 'osv');
    const store = new SqliteStore(openSqlite(join(work, 'offline', 'openchecker.db')));
    try {
      await storeTask(store, P1, scanResult('one', EXTRACTIONS[P1] ?? [], database(BEFORE)));
      const config = testConfig({ OPENCHECKER_OSV_API_URL: 'http://127.0.0.1:9' });
      const rescan = async (): Promise<RescanReport> => {
        const { source, label } = await openRescanSource(config, new MemoryCache(), { offlineDir: dir }, new AbortController().signal);
        return rescanVulnerabilities({ store, source, sourceLabel: label, checkerVersion: 3, signal: new AbortController().signal });
      };
      await mkdir(dir, { recursive: true });
      for (const entry of BEFORE) await writeFile(join(dir, `${entry.id}.json`), JSON.stringify(entry));
      assert.equal((await rescan()).summary.changed, 0, 'the same database: nothing changed');
      for (const entry of AFTER) await writeFile(join(dir, `${entry.id}.json`), JSON.stringify(entry));
      // The per-process database is reloaded because its files changed.
      const report = await rescan();
      assert.match(report.source, /^offline:.*\(5 records\)$/);
      assert.deepEqual(report.projects[0]?.added.map((entry) => entry.id), ['REC-G', 'REC-C', 'REC-D']);
      assert.deepEqual(report.projects[0]?.removed.map((entry) => entry.id), ['REC-A']);
    } finally {
      await store.close();
    }
  });

  test('the OSV API: cached answers are reused within their TTL unless --fresh', async () => {
    const store = new SqliteStore(openSqlite(join(work, 'api', 'openchecker.db')));
    const old = await startFakeOsv(BEFORE);
    const current = await startFakeOsv(AFTER.filter((entry) => !entry.withdrawn));
    try {
      await storeTask(store, P2, scanResult('two', EXTRACTIONS[P2] ?? [], database(BEFORE)));
      const cache = new MemoryCache();
      const rescan = async (url: string, fresh: boolean): Promise<RescanReport> => {
        const { source, label } = await openRescanSource(testConfig({ OPENCHECKER_OSV_API_URL: url }), cache, { offlineDir: '', fresh }, new AbortController().signal);
        return rescanVulnerabilities({ store, source, sourceLabel: label, checkerVersion: 3, signal: new AbortController().signal });
      };
      assert.equal((await rescan(old.url, false)).summary.changed, 0);
      assert.equal((await rescan(current.url, false)).summary.changed, 0, 'the cached per-package answer is still fresh');
      assert.equal(current.count('querybatch'), 0);
      const fresh = await rescan(current.url, true);
      assert.equal(fresh.source, `api:${current.url} (fresh)`);
      assert.deepEqual([fresh.projects[0]?.added.map((entry) => entry.id), fresh.projects[0]?.updated], [['REC-C'], ['REC-B']]);
      assert.equal(current.count('querybatch'), 1);
    } finally {
      await Promise.all([old.close(), current.close(), store.close()]);
    }
  });

  const skipPg = postgresAvailable();
  test('PostgreSQL: the same scenario', { skip: skipPg ?? false }, async () => {
    const server: PostgresServer = await startPostgres();
    const store = await openPostgres({ url: await server.createDatabase(`rescan_${process.pid}`) });
    try {
      await scenario(store);
    } finally {
      await store.close();
      await server.destroy();
    }
  });
});
