/**
 * Git bomb benchmark (issue #14): what a repository of a few objects whose trees expand to a huge number of
 * files costs a real `openchecker up` with the default limits, and whether the API stays responsive meanwhile.
 *
 *  - bomb: 1 blob, `levels` trees of 10 entries each referencing the one below, 1 commit (6 levels: 8 objects,
 *    10^6 files: the repository). Served from a local path (`--allow-local-repos`).
 *  - within: the same construction with 5 levels (10^5 files, 100k: inside the default limit of 250k files), so
 *    the checkers really run over every file: the case where only yielding keeps /healthz answering.
 *  - Each scenario: a fresh `openchecker up --agents 1`; one task with scancode, binary-checker, code-count and
 *    readme-checker and a callback to a receiver on 127.0.0.1; /healthz polled every 25 ms until the callback
 *    arrives.
 *
 * Measured per scenario: wall time from submit to callback, peak RSS of the `up` process (VmHWM), growth of
 * the data folder (SQLite database + WAL), callback body size, /healthz latency (p50/p99/max) during the
 * attack, and the task's outcome. The "before" numbers for the 10^6 bomb: 452 s, 1.58 GB, DB +1.2 GB,
 * a 292 MB callback (twice), /healthz stalls up to 28 s.
 *
 * Pass: the bomb is refused with "repository too large"; in both scenarios /healthz p99 < 100 ms and the
 * callback is under [Callback] max_body_mb. Environment: BENCH_BOMB_LEVELS (default 6), BENCH_WITHIN_LEVELS
 * (default 5; 0 skips the scenario).
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { makeGitBomb } from '../test/support/git-bomb.js';
import { formatTable, httpJson, percentileOfSorted, round, sleep, startOpenChecker, tempDir, verdict, writeResults } from './support.js';

const COMMANDS = ['scancode', 'binary-checker', 'code-count', 'readme-checker'];
const MAX_CALLBACK_BYTES = 128 * 1024 * 1024;

interface Scenario {
  name: string;
  levels: number;
}

interface Outcome {
  scenario: string;
  files: number;
  seconds: number;
  peak_rss_mb: number;
  db_growth_mb: number;
  callback_bytes: number;
  callbacks: number;
  healthz_count: number;
  healthz_p50_ms: number;
  healthz_p99_ms: number;
  healthz_max_ms: number;
  status: string;
  error: string | null;
  results: Record<string, string>;
}

/** The CLI of the build this file belongs to (dist/ or a private build folder), not necessarily dist/. */
function cliOfThisBuild(workDir: string): string {
  const main = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'cli', 'main.js');
  const entry = join(workDir, 'openchecker-entry.mjs');
  writeFileSync(entry, `import { main } from ${JSON.stringify(pathToFileURL(main).href)};\nawait main(process.argv);\n`);
  return entry;
}

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(path) : statSync(path).size;
  }
  return total;
}

/** Peak resident set of a process (Linux: VmHWM), in MB. */
function peakRssMb(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? round(Number(match[1]) / 1024, 0) : Number.NaN;
}

async function runScenario(scenario: Scenario): Promise<Outcome> {
  const work = tempDir(`git-bomb-${scenario.name}`);
  const bomb = await makeGitBomb({ levels: scenario.levels, fanout: 10, name: 'bomb' });
  const received: { bytes: number; at: number }[] = [];
  const receiver = createServer((req, res) => {
    let bytes = 0;
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    req.on('end', () => {
      received.push({ bytes, at: performance.now() });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/callback`;
  const server = await startOpenChecker({ workDir: work, agents: 1, allowLocalRepos: true, logLevel: 'warn', cli: cliOfThisBuild(work) });
  try {
    const dataDir = join(work, 'data');
    const dbBefore = folderBytes(dataDir);
    const latencies: number[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const started = performance.now();
        await fetch(`${server.url}/healthz`).then((response) => response.text());
        latencies.push(performance.now() - started);
        await sleep(25);
      }
    })();
    const started = performance.now();
    const submitted = await httpJson('POST', `${server.url}/opencheck`, { project_url: bomb.dir, commands: COMMANDS, callback_url: callbackUrl }, server.token);
    if (submitted.status !== 200) throw new Error(`POST /opencheck answered ${submitted.status}: ${JSON.stringify(submitted.body)}`);
    const taskId = (submitted.body as { task_id: string }).task_id;
    const deadline = Date.now() + 30 * 60_000;
    while (received.length === 0) {
      if (Date.now() > deadline) throw new Error('no callback within 30 minutes');
      await sleep(100);
    }
    const seconds = ((received[0]?.at ?? performance.now()) - started) / 1000;
    polling = false;
    await poller;
    await sleep(2000); // a second callback (a retry) would show here
    const task = (await httpJson('GET', `${server.url}/opencheck/${taskId}`, undefined, server.token)).body as {
      status: string;
      error: string | null;
      scan_results: Record<string, unknown> | null;
    };
    const sorted = [...latencies].sort((a, b) => a - b);
    const summarise = (result: unknown): string => {
      const text = JSON.stringify(result) ?? 'null';
      const error = (result as { error?: unknown } | null)?.error;
      return typeof error === 'string' ? `error: ${error}` : `${text.length} bytes`;
    };
    return {
      scenario: scenario.name,
      files: bomb.files,
      seconds: round(seconds, 1),
      peak_rss_mb: peakRssMb(server.pid),
      db_growth_mb: round((folderBytes(dataDir) - dbBefore) / 1024 ** 2, 1),
      callback_bytes: received[0]?.bytes ?? 0,
      callbacks: received.length,
      healthz_count: sorted.length,
      healthz_p50_ms: round(percentileOfSorted(sorted, 0.5), 1),
      healthz_p99_ms: round(percentileOfSorted(sorted, 0.99), 1),
      healthz_max_ms: round(sorted.at(-1) ?? Number.NaN, 1),
      status: task.status,
      error: task.error,
      results: Object.fromEntries(Object.entries(task.scan_results ?? {}).map(([command, result]) => [command, summarise(result)])),
    };
  } finally {
    await server.stop();
    await new Promise((resolve) => receiver.close(resolve));
    await bomb.cleanup();
  }
}

async function main(): Promise<void> {
  const scenarios: Scenario[] = [{ name: 'bomb', levels: Number(process.env.BENCH_BOMB_LEVELS ?? 6) }];
  const within = Number(process.env.BENCH_WITHIN_LEVELS ?? 5);
  if (within > 0) scenarios.push({ name: 'within-limits', levels: within });
  const outcomes: Outcome[] = [];
  for (const scenario of scenarios) {
    process.stdout.write(`scenario ${scenario.name}: 10^${scenario.levels} files\n`);
    const outcome = await runScenario(scenario);
    outcomes.push(outcome);
    process.stdout.write(`${JSON.stringify(outcome, null, 2)}\n`);
  }
  process.stdout.write(
    `\n${formatTable(
      ['scenario', 'files', 'seconds', 'peak RSS MB', 'DB growth MB', 'callback bytes', 'callbacks', 'healthz p50 ms', 'p99 ms', 'max ms', 'status'],
      outcomes.map((o) => [o.scenario, o.files, o.seconds, o.peak_rss_mb, o.db_growth_mb, o.callback_bytes, o.callbacks, o.healthz_p50_ms, o.healthz_p99_ms, o.healthz_max_ms, o.status]),
    )}\n`,
  );
  const bomb = outcomes[0] as Outcome;
  const refused = bomb.status === 'failed' && /^repository too large: /.test(bomb.error ?? '');
  const responsive = outcomes.every((o) => o.healthz_p99_ms < 100);
  const bounded = outcomes.every((o) => o.callback_bytes <= MAX_CALLBACK_BYTES && o.callbacks === 1);
  const pass = refused && responsive && bounded;
  process.stdout.write(`\nbomb refused: ${verdict(refused)}  /healthz p99 < 100 ms: ${verdict(responsive)}  one callback under the cap: ${verdict(bounded)}\n`);
  process.stdout.write(`results: ${writeResults('git-bomb', { commands: COMMANDS, outcomes, pass })}\n`);
  if (!pass) process.exitCode = 1;
}

await main();
