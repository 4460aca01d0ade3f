/**
 * Repository checkers benchmark (issue 4): our native commands against the tools upstream runs, side by side in
 * one run, on a large real tree.
 *
 *  - tree: npmTree(LARGE_TREE) (ten popular npm packages, ~10.8k files, ~110 MB), its node_modules copied to
 *    `pkgs/` in a temp folder and committed as one git commit. The copy is outside any `node_modules/` path on
 *    purpose, so that Linguist (which vendors node_modules) and we both classify every file.
 *  - languages-detector (ours, in a fresh Node process) vs `github-linguist <dir> --breakdown --json`;
 *  - code-count (ours, fresh process) vs `cloc <dir> --json` (upstream's invocation);
 *  - every local (no-network) command of issue 4 found in the registry at run time, run together through
 *    `runCommands` on one shared FsRepoView in a fresh process, vs the floor: a fresh process reading every file
 *    of the tree once (`readFile`, 16 in flight). The peak RSS of that process (its own maxRSS) is reported.
 * All timings are wall times of the whole child process (startup included, as for the Ruby and Perl tools),
 * after one untimed warm-up read of the tree so every run reads from the page cache. Rounds alternate the
 * contestants; the medians are compared. The results of ours and the references are also compared (same
 * languages and file counts, same code total), so a fast but wrong run is reported.
 *
 * Targets: ours/reference < 1.0 for both tools; all commands ≤ 10 × the floor; peak RSS < 300 MB.
 * Environment: BENCH_ROUNDS (default 3).
 *
 * The same file is the child process: `node repo-checkers.bench.js --child <mode> <dir>` prints one JSON line.
 */
import { execFile, spawnSync } from 'node:child_process';
import { cp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { FsRepoView } from '../src/lib/repo/repo-view.js';
import { languageBreakdown, type LanguageBreakdown } from '../src/analysis/languages/breakdown.js';
import { codeCount } from '../src/analysis/languages/code-count.js';
import { forEachLimit } from '../src/analysis/languages/pool.js';
import type { Checker } from '../src/checkers/types.js';

// The registry (every checker), the config loader and the bench helpers (autocannon...) are imported only
// where needed, so a child process measuring one command loads no more than that command needs.
const getChecker = async (name: string): Promise<boolean> => (await import('../src/checkers/registry.js')).loadChecker(name) !== undefined;

const execFileAsync = promisify(execFile);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SELF = fileURLToPath(import.meta.url);

/** The local commands of issue 4, looked up by name: those not in the registry yet are reported as missing. */
const LOCAL_COMMANDS = [
  'dangerous-workflow-checker',
  'token-permissions-checker',
  'pinned-dependencies-checker',
  'packaging-checker',
  'sast-checker',
  'fuzzing-checker',
  'languages-detector',
  'code-count',
  'license-detector',
  'scorecard-score',
  'binary-checker',
];

interface ChildReport {
  /** Milliseconds spent inside the child on the work itself. */
  innerMs: number;
  maxRssMb: number;
  summary: unknown;
}

// ------------------------------------------------------------------------------------------- child process

async function child(mode: string, dir: string): Promise<void> {
  const started = performance.now();
  const view = new FsRepoView(dir, 'tree');
  const signal = AbortSignal.timeout(600_000);
  let summary: unknown;
  if (mode === 'languages') {
    const breakdown = await languageBreakdown(view, signal);
    summary = Object.fromEntries(Object.entries(breakdown).map(([language, entry]) => [language, entry.files.length]));
  } else if (mode === 'code-count') {
    summary = (await codeCount(view, signal)).total;
  } else if (mode === 'floor') {
    const files = await view.files();
    let bytes = 0;
    await forEachLimit(files, 16, signal, async (file) => {
      const content = await readFile(join(dir, file.path));
      bytes += content.length;
    });
    summary = { files: files.length, bytes };
  } else if (mode === 'all') {
    const { loadAllCheckers } = await import('../src/checkers/registry.js');
    const loaded = new Map((await loadAllCheckers()).map((checker) => [checker.name, checker]));
    const lookup = (name: string): Checker | undefined => loaded.get(name);
    const { runCommands } = await import('../src/checkers/runner.js');
    const { loadConfig } = await import('../src/config/load.js');
    const { silentLogger } = await import('../src/lib/log.js');
    const commands = LOCAL_COMMANDS.filter((name) => lookup(name) !== undefined);
    const { config } = loadConfig({ env: {}, cwd: tmpdir() });
    const results = await runCommands({
      commands,
      task: {
        taskId: 'bench',
        projectUrl: 'https://example.test/acme/tree',
        repoName: 'tree',
        commitHash: null,
        accessToken: null,
        versionNumber: null,
        metadata: {},
      },
      repo: view,
      config,
      configDir: tmpdir(),
      log: silentLogger(),
      signal,
      concurrency: commands.length,
    });
    summary = Object.fromEntries(
      Object.entries(results).map(([name, result]) => [name, result !== null && typeof result === 'object' && 'error' in result ? 'error' : 'ok']),
    );
  } else {
    throw new Error(`unknown child mode ${mode}`);
  }
  const report: ChildReport = {
    innerMs: performance.now() - started,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    summary,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

// ------------------------------------------------------------------------------------------- parent

interface Timed<T> {
  ms: number;
  value: T;
}

async function timed<T>(run: () => Promise<T>): Promise<Timed<T>> {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
}

async function runChild(mode: string, dir: string): Promise<Timed<ChildReport>> {
  return timed(async () => {
    const { stdout } = await execFileAsync(process.execPath, [SELF, '--child', mode, dir], { maxBuffer: 16 * 1024 * 1024, timeout: 900_000 });
    return JSON.parse(stdout.trim().split('\n').at(-1) as string) as ChildReport;
  });
}

async function linguist(dir: string): Promise<Timed<LanguageBreakdown>> {
  return timed(async () => {
    const { stdout } = await execFileAsync('github-linguist', [dir, '--breakdown', '--json'], { maxBuffer: 256 * 1024 * 1024, timeout: 900_000 });
    return JSON.parse(stdout) as LanguageBreakdown;
  });
}

async function cloc(dir: string): Promise<Timed<Record<string, { code: number; nFiles: number }>>> {
  return timed(async () => {
    const { stdout } = await execFileAsync('cloc', [dir, '--json', '--quiet'], { maxBuffer: 64 * 1024 * 1024, timeout: 900_000 });
    return JSON.parse(stdout) as Record<string, { code: number; nFiles: number }>;
  });
}

function hasTool(name: string): boolean {
  return spawnSync('sh', ['-c', 'command -v "$1"', 'sh', name], { stdio: 'ignore' }).status === 0;
}

async function buildTree(): Promise<{ dir: string; files: number; bytes: number }> {
  const { LARGE_TREE, npmTree } = await import('../test/support/npm-tree.js');
  const { tempDir } = await import('./support.js');
  const tree = await npmTree(LARGE_TREE);
  const dir = join(tempDir('repo-checkers'), 'tree');
  await cp(tree.nodeModules, join(dir, 'pkgs'), { recursive: true });
  const env = {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'Bench',
    GIT_AUTHOR_EMAIL: 'bench@example.invalid',
    GIT_COMMITTER_NAME: 'Bench',
    GIT_COMMITTER_EMAIL: 'bench@example.invalid',
  };
  for (const args of [['init', '--quiet', '--initial-branch=main'], ['add', '--all'], ['-c', 'commit.gpgsign=false', 'commit', '--quiet', '-m', 'tree']]) {
    const result = spawnSync('git', args, { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr.toString()}`);
  }
  const warm = await runChild('floor', dir); // untimed warm-up: the page cache now holds the tree
  const { files, bytes } = warm.value.summary as { files: number; bytes: number };
  return { dir, files, bytes };
}

async function main(): Promise<void> {
  const { formatTable, median, round, verdict, writeResults } = await import('./support.js');
  const { LARGE_TREE } = await import('../test/support/npm-tree.js');
  const haveLinguist = hasTool('github-linguist');
  const haveCloc = hasTool('cloc');
  const tree = await buildTree();
  const registered = await Promise.all(LOCAL_COMMANDS.map(getChecker));
  const present = LOCAL_COMMANDS.filter((_, index) => registered[index]);
  const missing = LOCAL_COMMANDS.filter((_, index) => !registered[index]);
  process.stdout.write(`tree: ${tree.files} files, ${(tree.bytes / 1024 ** 2, 1)} MiB, copied to pkgs/ and committed (${tree.dir})\n`);
  process.stdout.write(`commands together: ${present.join(', ')}${missing.length ? `; not in the registry: ${missing.join(', ')}` : ''}\n`);
  if (!haveLinguist) process.stdout.write('github-linguist not installed: languages-detector has no reference\n');
  if (!haveCloc) process.stdout.write('cloc not installed: code-count has no reference\n');

  const times: Record<string, number[]> = { linguist: [], oursLanguages: [], cloc: [], oursCodeCount: [], floor: [], all: [] };
  const rss: number[] = [];
  const checks: string[] = [];
  for (let round_ = 1; round_ <= ROUNDS; round_++) {
    const order = round_ % 2 === 1 ? ['reference', 'ours'] : ['ours', 'reference'];
    for (const who of order) {
      if (who === 'reference') {
        if (haveLinguist) {
          const result = await linguist(tree.dir);
          times.linguist?.push(result.ms);
          if (round_ === 1) {
            const ours = (await runChild('languages', tree.dir)).value.summary as Record<string, number>;
            const theirs = Object.fromEntries(Object.entries(result.value).map(([language, entry]) => [language, entry.files.length]));
            checks.push(`languages-detector agrees with github-linguist on files per language: ${sameCounts(ours, theirs)}`);
          }
        }
        if (haveCloc) {
          const result = await cloc(tree.dir);
          times.cloc?.push(result.ms);
          if (round_ === 1) {
            const ours = (await runChild('code-count', tree.dir)).value.summary as { code: number; files: number };
            const sum = result.value.SUM as { code: number; nFiles: number };
            checks.push(`code-count agrees with cloc: ours ${ours.code} lines / ${ours.files} files, cloc ${sum.code} / ${sum.nFiles}`);
          }
        }
        times.floor?.push((await runChild('floor', tree.dir)).ms);
      } else {
        times.oursLanguages?.push((await runChild('languages', tree.dir)).ms);
        times.oursCodeCount?.push((await runChild('code-count', tree.dir)).ms);
        const all = await runChild('all', tree.dir);
        times.all?.push(all.ms);
        rss.push(all.value.maxRssMb);
        if (round_ === 1) checks.push(`commands together: ${JSON.stringify(all.value.summary)}`);
      }
    }
  }

  const m = (key: string): number => median(times[key] ?? []);
  const ratio = (a: string, b: string): number => m(a) / m(b);
  const rows: (string | number)[][] = [];
  if (haveLinguist) rows.push(['languages-detector vs github-linguist', round(m('oursLanguages') / 1000, 2), round(m('linguist') / 1000, 2), round(ratio('oursLanguages', 'linguist'), 3), '< 1.0', verdict(ratio('oursLanguages', 'linguist') < 1)]);
  if (haveCloc) rows.push(['code-count vs cloc', round(m('oursCodeCount') / 1000, 2), round(m('cloc') / 1000, 2), round(ratio('oursCodeCount', 'cloc'), 3), '< 1.0', verdict(ratio('oursCodeCount', 'cloc') < 1)]);
  rows.push([`${present.length} commands together vs read-every-file floor`, round(m('all') / 1000, 2), round(m('floor') / 1000, 2), round(ratio('all', 'floor'), 2), '<= 10', verdict(ratio('all', 'floor') <= 10)]);
  const peak = Math.max(...rss);
  process.stdout.write(`\n${checks.join('\n')}\n\n`);
  process.stdout.write(`${formatTable(['comparison (median wall s)', 'ours', 'reference', 'ratio', 'target', 'verdict'], rows)}\n`);
  process.stdout.write(`\npeak RSS of the all-commands process: ${round(peak, 1)} MB (target < 300 MB): ${verdict(peak < 300)}\n`);
  const path = writeResults('repo-checkers', {
    settings: { rounds: ROUNDS, tree: { packages: LARGE_TREE, files: tree.files, bytes: tree.bytes, layout: 'node_modules copied to pkgs/' } },
    commands: { together: present, missing },
    summary: {
      languages_ratio: haveLinguist ? round(ratio('oursLanguages', 'linguist'), 3) : null,
      code_count_ratio: haveCloc ? round(ratio('oursCodeCount', 'cloc'), 3) : null,
      all_vs_floor_ratio: round(ratio('all', 'floor'), 2),
      peak_rss_mb: round(peak, 1),
      checks,
    },
    runs_ms: times,
    rss_mb: rss,
  });
  process.stdout.write(`results: ${path}\n`);
}

function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => a[key] === b[key]);
}

if (process.argv[2] === '--child') {
  await child(process.argv[3] ?? '', process.argv[4] ?? '');
} else {
  await main();
}
