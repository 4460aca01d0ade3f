/** `openchecker rescan --vulns` through the CLI's entry point, in a child process, on an embedded store. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { queryKey } from '../analysis/osv/client.js';
import { OfflineDatabase } from '../analysis/osv/offline.js';
import { buildScanReport, collectQueries } from '../analysis/osv/scan.js';
import type { OsvVulnerability } from '../analysis/osv/types.js';
import type { ExtractionResult } from '../analysis/dependencies/types.js';
import { SqliteStore, openSqlite } from '../store/sqlite.js';
import { embeddedDatabasePath } from '../tasks/backend.js';
import type { RescanReport } from '../tasks/vuln-rescan.js';

const MAIN = new URL('./main.js', import.meta.url).href;
/** A project URL that points nowhere: the rescan must never try to fetch it. */
const PROJECT = 'https://git.invalid/acme/nowhere';

function cli(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const script = `const { main } = await import(${JSON.stringify(MAIN)}); await main(['node', 'openchecker', ...process.argv.slice(1)]);`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script, ...args], {
    cwd,
    // No route to any OSV API: an offline rescan that asked the network would fail.
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd, OPENCHECKER_OSV_API_URL: 'http://127.0.0.1:9' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const record = (id: string, fixed: string): OsvVulnerability => ({
  id,
  modified: '2024-01-01T00:00:00Z',
  summary: `${id} summary`,
  affected: [{ package: { ecosystem: 'npm', name: 'left-pad' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed }] }] }],
});

describe('openchecker rescan', () => {
  let work: string;
  let dataDir: string;
  let osvDir: string;
  let taskId: string;

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'oc-rescan-cli-'));
    dataDir = join(work, 'data');
    osvDir = join(work, 'osv');
    await mkdir(osvDir);
    const old = record('OLD-1', '1.3.0');
    await writeFile(join(osvDir, 'OLD-1.json'), JSON.stringify(old));
    const db = new OfflineDatabase();
    db.add(old);
    const extractions: ExtractionResult[] = [{ file: 'package-lock.json', extractor: 'package-lock', packages: [{ name: 'left-pad', version: '1.2.0', ecosystem: 'npm', purl: 'pkg:npm/left-pad@1.2.0', sourceFile: 'package-lock.json' }] }];
    const vulnerabilities = new Map(collectQueries(extractions).map((query) => [queryKey(query), db.lookup(query)]));
    const store = new SqliteStore(openSqlite(embeddedDatabasePath(dataDir)));
    try {
      const task = await store.createTask({ taskId: 'task-nowhere', projectUrl: PROJECT, commandList: ['osv-scanner'], taskMetadata: {}, commitHash: null, callbackUrl: null, submittedBy: null });
      taskId = task.taskId;
      await store.startTask(taskId, 'agent');
      await store.finishTask(taskId, { status: 'succeeded', scanResults: { 'osv-scanner': buildScanReport({ repoName: 'nowhere', extractions, vulnerabilities }) }, error: null, commandVersions: { 'osv-scanner': 3 } });
    } finally {
      await store.close();
    }
  });
  after(async () => {
    await rm(work, { recursive: true, force: true });
  });

  test('--help, and --vulns is required', () => {
    const help = cli(['rescan', '--help'], work);
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /Usage: openchecker rescan \[options\][\s\S]*--vulns[\s\S]*--update/);
    const bare = cli(['rescan', '--data-dir', dataDir], work);
    assert.equal(bare.status, 2);
    assert.match(bare.stderr, /--vulns/);
    const since = cli(['rescan', '--vulns', '--since', 'yesterday', '--data-dir', dataDir], work);
    assert.deepEqual([since.status, since.stderr], [2, 'openchecker: --since must be a date (2024-05-01) or an ISO date-time, got "yesterday"\n']);
  });

  test('--json: the report of an updated offline database, progress on stderr, nothing cloned', async () => {
    const unchanged = cli(['rescan', '--vulns', '--data-dir', dataDir, '--offline-dir', osvDir, '--json'], work);
    assert.equal(unchanged.status, 0, unchanged.stderr);
    assert.equal((JSON.parse(unchanged.stdout) as RescanReport).summary.changed, 0);

    await writeFile(join(osvDir, 'NEW-1.json'), JSON.stringify(record('NEW-1', '2.0.0')));
    await writeFile(join(osvDir, 'OLD-1.json'), JSON.stringify({ ...record('OLD-1', '1.3.0'), withdrawn: '2024-02-01T00:00:00Z' }));
    const result = cli(['rescan', '--vulns', '--data-dir', dataDir, '--offline-dir', osvDir, '--json'], work);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /rescan: 1\/1 project\(s\)/);
    const report = JSON.parse(result.stdout) as RescanReport;
    assert.equal(report.projects.length, 1);
    const project = report.projects[0];
    assert.deepEqual(
      { projectUrl: project?.projectUrl, taskId: project?.taskId, inventory: project?.inventory, added: project?.added, removed: project?.removed },
      {
        projectUrl: PROJECT,
        taskId,
        inventory: 'full',
        added: [{ id: 'NEW-1', ecosystem: 'npm', name: 'left-pad', version: '1.2.0', summary: 'NEW-1 summary' }],
        removed: [{ id: 'OLD-1', ecosystem: 'npm', name: 'left-pad', version: '1.2.0', summary: 'OLD-1 summary' }],
      },
    );

    const text = cli(['rescan', '--vulns', '--data-dir', dataDir, '--offline-dir', osvDir, '--update'], work);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /\+ NEW-1 {2}npm left-pad@1\.2\.0/);
    assert.match(text.stdout, /- OLD-1 {2}npm left-pad@1\.2\.0/);
    assert.match(text.stdout, /1 re-evaluation\(s\) recorded/);
    const next = JSON.parse(cli(['rescan', '--vulns', '--data-dir', dataDir, '--offline-dir', osvDir, '--json'], work).stdout) as RescanReport;
    assert.deepEqual([next.summary.changed, next.summary.unchanged], [0, 1], 'the next rescan diffs against the recorded result');
    assert.notEqual(next.projects[0]?.taskId, taskId);

    // No workspace, no clone: the data directory holds the database and nothing else.
    assert.deepEqual((await readdir(dataDir)).filter((name) => !name.startsWith('openchecker.db')), []);
  });
});
