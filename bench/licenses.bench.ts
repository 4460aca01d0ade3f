/**
 * License benchmarks, side by side in one run, each measured in its own child process under /usr/bin/time
 * (wall, CPU and peak RSS of the whole process):
 *
 *  - `scancode` (our tree scan, scanTree on an FsRepoView) on npmTree(LARGE_TREE), ~10.8k files;
 *  - `licensecheck -r` (Debian) on the same tree: the reference tool;
 *  - reading every file of the tree once from Node (FsRepoView.head of each file, 16 reads in flight): the floor;
 *  - `license-detector` (detectProjectLicense) on every package folder of npmTree(MEDIUM_TREE), vs licensee's
 *    library run once over the same folders (one Ruby process, as the cross-check test does; the CLI would
 *    start Ruby once per folder, ~1 s each).
 *
 * Rounds alternate the tools so machine noise spreads evenly; medians and ratios are reported. Environment:
 * BENCH_ROUNDS (default 3) for our jobs; BENCH_REFERENCE_ROUNDS (default 1) for licensecheck and licensee, which
 * take minutes a round on a loaded machine. Run: `npm run bench -- licenses` (or, without a build,
 * `node --import tsx bench/licenses.bench.ts`).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FsRepoView } from '../src/checkers/repo-view.js';
import { detectProjectLicense } from '../src/licenses/project.js';
import { scanTree } from '../src/licenses/tree-scan.js';
import { hasTool, LARGE_TREE, MEDIUM_TREE, npmTree } from '../test/support/npm-tree.js';
import { formatTable, median, round, tempDir, writeResults } from './support.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const REFERENCE_ROUNDS = Number(process.env.BENCH_REFERENCE_ROUNDS ?? 1);
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
  const out = join(tempDir('lic-time'), 'time.txt');
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
  return { wall: wall as number, cpu: (user as number) + (sys as number), rssMb: (rssKb as number) / 1024 };
}

async function packageDirs(nodeModules: string): Promise<string[]> {
  const view = new FsRepoView(nodeModules, 'node_modules');
  return (await view.files())
    .filter((file) => file.lowerName === 'package.json')
    .map((file) => file.path.slice(0, -'/package.json'.length))
    .filter((dir) => /^(?:@[^/]+\/)?[^/@]+(?:\/node_modules\/(?:@[^/]+\/)?[^/@]+)*$/.test(dir));
}

/** Child mode: one measured job in this process. */
async function child(mode: string, dir: string): Promise<void> {
  const view = new FsRepoView(dir, 'tree');
  const signal = new AbortController().signal;
  if (mode === 'scancode') {
    const output = await scanTree(view, signal);
    const named = output.files.filter((f) => f.detected_license_expression !== null).length;
    process.stdout.write(`${JSON.stringify({ files: output.files.filter((f) => f.type === 'file').length, named })}\n`);
  } else if (mode === 'read') {
    const files = await view.files();
    let next = 0;
    let bytes = 0;
    const worker = async (): Promise<void> => {
      while (next < files.length) {
        const file = files[next++]!;
        if (file.size > 0) bytes += (await view.head(file.path, file.size)).length;
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    process.stdout.write(`${JSON.stringify({ files: files.length, bytes })}\n`);
  } else if (mode === 'detector') {
    let named = 0;
    const dirs = await packageDirs(dir);
    for (const pkg of dirs) if ((await detectProjectLicense(view, signal, pkg)).license) named++;
    process.stdout.write(`${JSON.stringify({ dirs: dirs.length, named })}\n`);
  }
}

async function main(): Promise<void> {
  const large = await npmTree(LARGE_TREE);
  const medium = await npmTree(MEDIUM_TREE);
  const dirs = await packageDirs(medium.nodeModules);
  const files = (await new FsRepoView(large.nodeModules, 'tree').files()).length;
  const haveLicensecheck = hasTool('licensecheck');
  const haveLicensee = hasTool('licensee') && hasTool('ruby');
  const samples: Record<string, Sample[]> = { scancode: [], licensecheck: [], read: [], detector: [], licensee: [] };
  for (let round = 0; round < ROUNDS; round++) {
    process.stdout.write(`round ${round + 1}/${ROUNDS}\n`);
    const reference = round < REFERENCE_ROUNDS;
    // The children run as this process does (compiled, or through tsx: process.execArgv carries the loader).
    const self = [...process.execArgv, SELF, '--child'];
    samples.read!.push(measure(process.execPath, [...self, 'read', large.nodeModules], HERE));
    samples.scancode!.push(measure(process.execPath, [...self, 'scancode', large.nodeModules], HERE));
    if (haveLicensecheck && reference) samples.licensecheck!.push(measure('licensecheck', ['-r', '-m', '--shortname-scheme=spdx', 'node_modules'], large.dir));
    samples.detector!.push(measure(process.execPath, [...self, 'detector', medium.nodeModules], HERE));
    if (haveLicensee && reference) samples.licensee!.push(measure('ruby', ['-e', LICENSEE_SCRIPT, ...dirs], medium.nodeModules));
  }
  const med = (name: string, key: keyof Sample): number => median(samples[name]!.map((s) => s[key]));
  const rows: (string | number)[][] = [];
  const row = (label: string, name: string, units: number, unit: string): void => {
    if (samples[name]!.length === 0) {
      rows.push([label, 'not installed', '', '', '', '']);
      return;
    }
    rows.push([label, round(med(name, 'wall'), 2), round(med(name, 'cpu'), 2), round(units / med(name, 'wall'), 0), `${unit}/s`, round(med(name, 'rssMb'), 0)]);
  };
  row(`scancode (ours), ${files} files`, 'scancode', files, 'files');
  row('licensecheck -r, same tree', 'licensecheck', files, 'files');
  row('read every file once (Node)', 'read', files, 'files');
  row(`license-detector (ours), ${dirs.length} package folders`, 'detector', dirs.length, 'dirs');
  row('licensee (one Ruby process), same folders', 'licensee', dirs.length, 'dirs');
  process.stdout.write(`\n${formatTable(['job', 'wall s (median)', 'CPU s', 'rate', 'unit', 'peak RSS MB'], rows)}\n`);
  const ratios = {
    scancode_vs_licensecheck_wall: samples.licensecheck!.length ? round(med('scancode', 'wall') / med('licensecheck', 'wall'), 3) : null,
    scancode_vs_read_floor_wall: round(med('scancode', 'wall') / med('read', 'wall'), 2),
    detector_vs_licensee_wall: samples.licensee!.length ? round(med('detector', 'wall') / med('licensee', 'wall'), 3) : null,
  };
  const filesPerS = files / med('scancode', 'wall');
  process.stdout.write(`ratios: ${JSON.stringify(ratios)}\n`);
  process.stdout.write(
    `targets: scancode >= ${TARGET_FILES_PER_S} files/s: ${filesPerS >= TARGET_FILES_PER_S ? 'PASS' : 'FAIL'} (${round(filesPerS, 0)}); peak RSS < ${TARGET_RSS_MB} MB: ${med('scancode', 'rssMb') < TARGET_RSS_MB ? 'PASS' : 'FAIL'}\n`,
  );
  const path = writeResults('licenses', { rounds: ROUNDS, referenceRounds: REFERENCE_ROUNDS, files, packageDirs: dirs.length, samples, ratios, filesPerSecond: round(filesPerS, 0) });
  process.stdout.write(`results: ${path}\n`);
}

const childAt = process.argv.indexOf('--child');
if (childAt !== -1) await child(process.argv[childAt + 1] ?? '', process.argv[childAt + 2] ?? '');
else await main();
