/**
 * The LicenseDB index (src/analysis/licenses/licensedb-index.ts): what building it costs at `npm run build`, how
 * big it is, and what loading it costs a fresh process, next to `node -e 0`.
 *
 *  - build: writeLicenseDbIndex() in this process (gunzip + parse the data, tokenise 37,680 texts, write);
 *  - size: the index file on disk, and gzipped (what an npm tarball holds);
 *  - load: a child process that imports the loader and calls loadLicenseDb() on the stored index; reported are
 *    the in-process load time (performance.now around the call), the child's wall time from spawn to exit, and
 *    the heap and RSS after load (after a forced GC). Also a child that only imports the modules, and `node -e 0`.
 *
 * Rounds alternate the jobs so machine noise spreads evenly; medians are reported. BENCH_ROUNDS (default 7).
 * Run: `npm run bench -- licensedb` (compiled: the index key needs the compiled modules; from sources there is no
 * stored index, which is what the fallback is for). The index is written to a temporary folder, not dist/.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const TARGET_LOAD_MS = 300;
const SELF = fileURLToPath(import.meta.url);

interface ChildReport {
  importMs: number;
  loadMs: number;
  heapMb: number;
  rssMb: number;
  rules: number;
}

/** Child mode: import the loader, optionally load the index, report. */
async function child(mode: string, index: string): Promise<void> {
  const started = performance.now();
  const { loadLicenseDb } = await import('../src/analysis/licenses/licensedb-index.js');
  const imported = performance.now();
  const db = mode === 'load' ? loadLicenseDb({ index }) : null;
  const loaded = performance.now();
  (globalThis as { gc?: () => void }).gc?.();
  // Read after the GC so the index is still held when the heap is measured.
  const rules = db?.rules.length ?? 0;
  const memory = process.memoryUsage();
  const report: ChildReport = {
    importMs: imported - started,
    loadMs: loaded - imported,
    heapMb: memory.heapUsed / 1048576,
    rssMb: memory.rss / 1048576,
    rules,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

function timed(args: readonly string[]): { wallMs: number; report: ChildReport | null } {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const wallMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`child failed (${result.status}): ${result.stderr.slice(-2000)}`);
  const line = result.stdout.trim().split('\n').pop() ?? '';
  return { wallMs, report: line.startsWith('{') ? (JSON.parse(line) as ChildReport) : null };
}

async function main(): Promise<void> {
  const { formatTable, median, round, tempDir, writeResults } = await import('./support.js');
  const { licenseDbIndexFreshness, writeLicenseDbIndex } = await import('../src/analysis/licenses/licensedb-index.js');
  const dir = tempDir('licensedb');
  const index = join(dir, 'licensedb-index.bin');
  try {
    const buildStarted = performance.now();
    writeLicenseDbIndex({ index });
    const buildMs = performance.now() - buildStarted;
    if (licenseDbIndexFreshness({ index }) !== 'fresh') throw new Error('the index just written is not fresh');
    const bytes = statSync(index).size;
    const gzipped = gzipSync(readFileSync(index)).length;
    const samples = { node: [] as number[], importWall: [] as number[], loadWall: [] as number[], reports: [] as ChildReport[], imports: [] as ChildReport[] };
    const self = [...process.execArgv, '--expose-gc', SELF, '--child'];
    for (let round = 0; round < ROUNDS; round++) {
      samples.node.push(timed(['-e', '0']).wallMs);
      const imported = timed([...self, 'import', index]);
      samples.importWall.push(imported.wallMs);
      samples.imports.push(imported.report as ChildReport);
      const loaded = timed([...self, 'load', index]);
      samples.loadWall.push(loaded.wallMs);
      samples.reports.push(loaded.report as ChildReport);
    }
    const med = (values: number[]): number => round(median(values), 1);
    const loadMs = med(samples.reports.map((r) => r.loadMs));
    const rows = [
      ['node -e 0', med(samples.node), '', '', ''],
      ['import the loader only', med(samples.importWall), round(median(samples.imports.map((r) => r.importMs)), 1), med(samples.imports.map((r) => r.heapMb)), med(samples.imports.map((r) => r.rssMb))],
      ['import + loadLicenseDb()', med(samples.loadWall), loadMs, med(samples.reports.map((r) => r.heapMb)), med(samples.reports.map((r) => r.rssMb))],
    ];
    process.stdout.write(`build: ${round(buildMs, 0)} ms; index: ${round(bytes / 1048576, 1)} MB on disk, ${round(gzipped / 1048576, 1)} MB gzipped; ${samples.reports[0]?.rules} rules\n`);
    process.stdout.write(`${formatTable(['process', 'wall ms (median)', 'import / load ms', 'heap MB after', 'RSS MB after'], rows)}\n`);
    process.stdout.write(`target: load <= ${TARGET_LOAD_MS} ms: ${loadMs <= TARGET_LOAD_MS ? 'PASS' : 'FAIL'} (${loadMs} ms)\n`);
    const path = writeResults('licensedb', { rounds: ROUNDS, buildMs: round(buildMs, 0), bytes, gzipped, loadMs, samples });
    process.stdout.write(`results: ${path}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const childAt = process.argv.indexOf('--child');
if (childAt !== -1) await child(process.argv[childAt + 1] ?? '', process.argv[childAt + 2] ?? '');
else await main();
