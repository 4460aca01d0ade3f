/**
 * License benchmarks, side by side in one run, each measured in its own child process under /usr/bin/time
 * (wall, CPU and peak RSS of the whole process):
 *
 *  - `scancode` (our tree scan, scanTree on an FsRepoView) on npmTree(LARGE_TREE), ~10.8k files;
 *  - `licensecheck -r` (Debian) on the same tree: the reference tool;
 *  - reading every file of the tree once from Node (FsRepoView.head of each file, 16 reads in flight): the floor;
 *  - `license-detector` (detectProjectLicense) on every package folder of npmTree(MEDIUM_TREE), vs licensee's
 *    library run once over the same folders (one Ruby process, as the cross-check test does; the CLI would
 *    start Ruby once per folder, ~1 s each);
 *  - the same two on ONE folder (express): the cold cost of a process's first task (interpreter start, loading
 *    the license corpus, one detection). The steady cost per folder is (all folders - one folder) / (n - 1).
 *
 * Rounds alternate the tools so machine noise spreads evenly; medians and ratios are reported. Environment:
 * BENCH_ROUNDS (default 3) for our jobs and licensee's; BENCH_REFERENCE_ROUNDS (default 1) for licensecheck,
 * which takes minutes a round on a loaded machine; BENCH_LICENSE_REFERENCES (default `licensecheck,licensee`)
 * picks the reference tools, e.g. `licensee` alone for a quick run of the license-detector comparison
 * (`none` runs ours only). Run: `npm run bench -- licenses` (or, without a build,
 * `node --import tsx bench/licenses.bench.ts`). The compiled run uses the corpus the build step stores (see
 * src/analysis/licenses/corpus.ts); this benchmark writes it first when it is missing or stale, as `npm run build` would.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FsRepoView as FsRepoViewType } from '../src/lib/repo/repo-view.js';

// Project modules are imported where they are used: a child process measures one job, and its start-up must
// not include modules the job does not need (the benchmark helpers load autocannon, the tree helper npm's
// machinery); the cold license-detector job loads what license-detector loads, and nothing else.
const repoView = async (): Promise<typeof FsRepoViewType> => (await import('../src/lib/repo/repo-view.js')).FsRepoView;

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const REFERENCE_ROUNDS = Number(process.env.BENCH_REFERENCE_ROUNDS ?? 1);
const REFERENCES = new Set((process.env.BENCH_LICENSE_REFERENCES ?? 'licensecheck,licensee').split(',').map((name) => name.trim()));
const SELF = fileURLToPath(import.meta.url);
/** Our children start where the benchmark was started (the repository root), where their loader resolves. */
const HERE = process.cwd();
const TARGET_FILES_PER_S = 1000;
const TARGET_RSS_MB = 500;

const LICENSEE_SCRIPT = `
require 'licensee'
require 'json'
ARGV.each { |dir| puts JSON.generate({ dir: dir, license: Licensee.project(dir, detect_packages: true, detect_readme: true).license&.spdx_id }) }`;

interface Sample {
  wall: number;
  cpu: number;
  rssMb: number;
}

/** Runs a command under /usr/bin/time; returns wall/CPU seconds and peak RSS, or throws with its stderr. */
function measure(command: string, args: readonly string[], cwd: string): Sample {
  const dir = mkdtempSync(join(tmpdir(), 'lic-time-'));
  const out = join(dir, 'time.txt');
  const result = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', '-o', out, command, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  // licensee exits 1 when a folder has no license; licensecheck exits 0; ours exit 0.
  if (result.status !== 0 && !(command === 'ruby' && result.status === 1)) {
    throw new Error(`${command} failed (${result.status}): ${result.stderr.slice(-2000)}`);
  }
  const [wall, user, sys, rssKb] = readFileSync(out, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  rmSync(dir, { recursive: true, force: true });
  return { wall: wall as number, cpu: (user as number) + (sys as number), rssMb: (rssKb as number) / 1024 };
}

/** Whether the stored corpus matches the compiled code (see src/analysis/licenses/corpus.ts). */
async function precomputedFresh(): Promise<boolean> {
  const { corpusKey, precomputedCorpusPaths } = await import('../src/analysis/licenses/corpus.js');
  try {
    const { index } = precomputedCorpusPaths();
    return (JSON.parse(readFileSync(index, 'utf8')) as { key?: string }).key === corpusKey();
  } catch {
    return false;
  }
}

async function packageDirs(nodeModules: string): Promise<string[]> {
  const view = new (await repoView())(nodeModules, 'node_modules');
  return (await view.files())
    .filter((file) => file.lowerName === 'package.json')
    .map((file) => file.path.slice(0, -'/package.json'.length))
    .filter((dir) => /^(?:@[^/]+\/)?[^/@]+(?:\/node_modules\/(?:@[^/]+\/)?[^/@]+)*$/.test(dir));
}

/** Child mode: one measured job in this process. */
async function child(mode: string, dir: string): Promise<void> {
  const signal = new AbortController().signal;
  if (mode === 'scancode') {
    const { scanTree } = await import('../src/analysis/licenses/tree-scan.js');
    const view = new (await repoView())(dir, 'tree');
    const output = await scanTree(view, signal);
    const named = output.files.filter((f) => f.detected_license_expression !== null).length;
    process.stdout.write(`${JSON.stringify({ files: output.files.filter((f) => f.type === 'file').length, named })}\n`);
  } else if (mode === 'read') {
    const view = new (await repoView())(dir, 'tree');
    const files = await view.files();
    let next = 0;
    let bytes = 0;
    const worker = async (): Promise<void> => {
      while (next < files.length) {
        const file = files[next++]!;
        if (file.size > 0) {
          const read = await view.head(file.path, file.size);
          bytes += read.length;
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    process.stdout.write(`${JSON.stringify({ files: files.length, bytes })}\n`);
  } else if (mode === 'detector') {
    const { detectProjectLicense } = await import('../src/analysis/licenses/project.js');
    const view = new (await repoView())(dir, 'tree');
    let named = 0;
    const dirs = await packageDirs(dir);
    for (const pkg of dirs) if ((await detectProjectLicense(view, signal, pkg)).license) named++;
    process.stdout.write(`${JSON.stringify({ dirs: dirs.length, named })}\n`);
  } else if (mode === 'detector-one') {
    // One folder, as a process that answers one question: the repository view lists that folder only.
    const { detectProjectLicense } = await import('../src/analysis/licenses/project.js');
    const one = new (await repoView())(join(dir, process.argv[process.argv.indexOf('--child') + 3] ?? ''), 'one');
    process.stdout.write(`${JSON.stringify({ license: (await detectProjectLicense(one, signal)).license })}\n`);
  }
}

async function main(): Promise<void> {
  const { hasTool, LARGE_TREE, MEDIUM_TREE, npmTree } = await import('../test/support/npm-tree.js');
  const { formatTable, median, round, writeResults } = await import('./support.js');
  const { corpusKey, writePrecomputedCorpus } = await import('../src/analysis/licenses/corpus.js');
  const large = await npmTree(LARGE_TREE);
  const medium = await npmTree(MEDIUM_TREE);
  const dirs = await packageDirs(medium.nodeModules);
  const files = (await new (await repoView())(large.nodeModules, 'tree').files()).length;
  const haveLicensecheck = REFERENCES.has('licensecheck') && hasTool('licensecheck');
  const haveLicensee = REFERENCES.has('licensee') && hasTool('licensee') && hasTool('ruby');
  const coldDir = dirs.includes('express') ? 'express' : (dirs[0] as string);
  // The build step's corpus, as an installed OpenChecker has it (from sources there is none: corpusKey null).
  if (corpusKey() !== null && !(await precomputedFresh())) writePrecomputedCorpus();
  const samples: Record<string, Sample[]> = { scancode: [], licensecheck: [], read: [], detector: [], licensee: [], detectorOne: [], licenseeOne: [] };
  for (let round = 0; round < ROUNDS; round++) {
    process.stdout.write(`round ${round + 1}/${ROUNDS}\n`);
    const reference = round < REFERENCE_ROUNDS;
    // The children run as this process does (compiled, or through tsx: process.execArgv carries the loader).
    const self = [...process.execArgv, SELF, '--child'];
    samples.read!.push(measure(process.execPath, [...self, 'read', large.nodeModules], HERE));
    samples.scancode!.push(measure(process.execPath, [...self, 'scancode', large.nodeModules], HERE));
    if (haveLicensecheck && reference) samples.licensecheck!.push(measure('licensecheck', ['-r', '-m', '--shortname-scheme=spdx', 'node_modules'], large.dir));
    samples.detector!.push(measure(process.execPath, [...self, 'detector', medium.nodeModules], HERE));
    if (haveLicensee) samples.licensee!.push(measure('ruby', ['-e', LICENSEE_SCRIPT, ...dirs], medium.nodeModules));
    samples.detectorOne!.push(measure(process.execPath, [...self, 'detector-one', medium.nodeModules, coldDir], HERE));
    if (haveLicensee) samples.licenseeOne!.push(measure('ruby', ['-e', LICENSEE_SCRIPT, coldDir], medium.nodeModules));
  }
  const med = (name: string, key: keyof Sample): number => median(samples[name]!.map((s) => s[key]));
  const rows: (string | number)[][] = [];
  const row = (label: string, name: string, units: number, unit: string): void => {
    if (samples[name]!.length === 0) {
      const tool = name.startsWith('licensee') ? 'licensee' : 'licensecheck';
      rows.push([label, REFERENCES.has(tool) ? 'not installed' : 'skipped (BENCH_LICENSE_REFERENCES)', '', '', '', '']);
      return;
    }
    rows.push([label, round(med(name, 'wall'), 2), round(med(name, 'cpu'), 2), round(units / med(name, 'wall'), 0), `${unit}/s`, round(med(name, 'rssMb'), 0)]);
  };
  row(`scancode (ours), ${files} files`, 'scancode', files, 'files');
  row('licensecheck -r, same tree', 'licensecheck', files, 'files');
  row('read every file once (Node)', 'read', files, 'files');
  row(`license-detector (ours), ${dirs.length} package folders`, 'detector', dirs.length, 'dirs');
  row('licensee (one Ruby process), same folders', 'licensee', dirs.length, 'dirs');
  row(`license-detector (ours), one folder (${coldDir}): cold`, 'detectorOne', 1, 'dirs');
  row('licensee, same folder: cold', 'licenseeOne', 1, 'dirs');
  process.stdout.write(`\n${formatTable(['job', 'wall s (median)', 'CPU s', 'rate', 'unit', 'peak RSS MB'], rows)}\n`);
  // Steady state: what each further folder costs once the process runs, (all - one) / (n - 1), in ms.
  const steady = (all: string, one: string, key: keyof Sample): number | null =>
    samples[all]!.length && samples[one]!.length ? round((1000 * (med(all, key) - med(one, key))) / (dirs.length - 1), 2) : null;
  const steadyMs = {
    detector_wall: steady('detector', 'detectorOne', 'wall'),
    detector_cpu: steady('detector', 'detectorOne', 'cpu'),
    licensee_wall: steady('licensee', 'licenseeOne', 'wall'),
    licensee_cpu: steady('licensee', 'licenseeOne', 'cpu'),
  };
  process.stdout.write(`steady state, ms per further folder: ${JSON.stringify(steadyMs)}\n`);
  const ratioOf = (a: number | null, b: number | null): number | null => (a !== null && b !== null && b > 0 ? round(a / b, 3) : null);
  const ratios = {
    detector_vs_licensee_cold_wall: samples.licenseeOne!.length ? round(med('detectorOne', 'wall') / med('licenseeOne', 'wall'), 3) : null,
    detector_vs_licensee_cold_cpu: samples.licenseeOne!.length ? round(med('detectorOne', 'cpu') / med('licenseeOne', 'cpu'), 3) : null,
    detector_vs_licensee_steady_wall: ratioOf(steadyMs.detector_wall, steadyMs.licensee_wall),
    detector_vs_licensee_steady_cpu: ratioOf(steadyMs.detector_cpu, steadyMs.licensee_cpu),
    scancode_vs_licensecheck_wall: samples.licensecheck!.length ? round(med('scancode', 'wall') / med('licensecheck', 'wall'), 3) : null,
    scancode_vs_read_floor_wall: round(med('scancode', 'wall') / med('read', 'wall'), 2),
    detector_vs_licensee_wall: samples.licensee!.length ? round(med('detector', 'wall') / med('licensee', 'wall'), 3) : null,
  };
  const filesPerS = files / med('scancode', 'wall');
  process.stdout.write(`ratios: ${JSON.stringify(ratios)}\n`);
  process.stdout.write(
    `targets: scancode >= ${TARGET_FILES_PER_S} files/s: ${filesPerS >= TARGET_FILES_PER_S ? 'PASS' : 'FAIL'} (${round(filesPerS, 0)}); peak RSS < ${TARGET_RSS_MB} MB: ${med('scancode', 'rssMb') < TARGET_RSS_MB ? 'PASS' : 'FAIL'}\n`,
  );
  const cpuPer1k = round((1000 * med('scancode', 'cpu')) / files, 3);
  process.stdout.write(`scancode: ${round(filesPerS, 0)} files/s, ${cpuPer1k} CPU-s per 1,000 files, ${round((files / med('scancode', 'cpu')), 0)} files per CPU-second\n`);
  const path = writeResults('licenses', {
    rounds: ROUNDS,
    referenceRounds: REFERENCE_ROUNDS,
    references: [...REFERENCES],
    files,
    packageDirs: dirs.length,
    coldDir,
    samples,
    ratios,
    steadyMs,
    filesPerSecond: round(filesPerS, 0),
    cpuSecondsPer1kFiles: cpuPer1k,
  });
  process.stdout.write(`results: ${path}\n`);
}

const childAt = process.argv.indexOf('--child');
if (childAt !== -1) await child(process.argv[childAt + 1] ?? '', process.argv[childAt + 2] ?? '');
else await main();
