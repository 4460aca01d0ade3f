/**
 * Start-up benchmark (issue 13): how soon the `openchecker` command answers, side by side in one run with
 * `node -e 0`, the floor no Node program can go under.
 *
 *  - `openchecker --help`;
 *  - `openchecker commands` (reads only the checkers' metadata);
 *  - `openchecker check <one-file repo> -c readme-checker` (a local folder holding README.md, read in place);
 *  - `openchecker serve` ready: from spawn to the first 200 of GET /healthz, on a real PostgreSQL (started
 *    here) and RabbitMQ when installed, else a closed broker port (the API answers /healthz while the broker
 *    reconnects in the background; /readyz would wait for it);
 *  - `openchecker up` ready: the same, embedded (SQLite, 2 agents).
 * Each server's RSS is read from /proc 3 s after it is ready and again after IDLE_MS of idling (`serve`: the API
 * alone; `up`: API and agents). The two differ: start-up grows V8's young generation, and V8 gives those pages
 * back only when its memory reducer runs on an idle process (typically 8 to 10 s after the last busy moment);
 * the idle figure is the one the target is about. Servers start on a data folder and database prepared by one untimed start (first-start work such as
 * hashing the first user's password or creating tables is not start-up); every timed start is a restart.
 * Each contestant is a fresh process through bin/openchecker.js and dist/, as people run it. Rounds alternate
 * the order; medians are compared with the floor.
 *
 * Targets: --help ≤ 150 ms; check ≤ 400 ms; serve and up ready ≤ 1 s; serve idle RSS ≤ 80 MB.
 * Environment: BENCH_ROUNDS (default 15 for the one-shot commands; servers run ceil(rounds / 3), at least 3).
 *   node dist/bench/startup.bench.js [cli=<path to an entry like bin/openchecker.js>]   (A/B of another build)
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort, postgresAvailable, rabbitAvailable, startPostgres, startRabbit } from '../test/support/services.js';
import { CLI, formatTable, median, round, sleep, stopChild, tempDir, track, verdict, writeResults } from './support.js';

const args = Object.fromEntries(process.argv.slice(2).map((arg) => arg.split('=') as [string, string]));
const ENTRY = args.cli ? resolve(args.cli) : CLI;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const SERVER_ROUNDS = Math.max(3, Math.ceil(ROUNDS / 3));
const JUST_STARTED_MS = 3000;
const IDLE_MS = 20_000;
const READY_TIMEOUT_MS = 30_000;

/** The environment of every contestant: no inherited OPENCHECKER_* settings, no log noise. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('OPENCHECKER_') && key !== 'LOG_LEVEL') env[key] = value;
  }
  return { ...env, LOG_LEVEL: 'warn', ...extra };
}

/** Wall time of one child process from spawn to exit, in ms; fails on a non-zero exit. */
function timeProcess(argv: readonly string[], cwd: string): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, argv, { cwd, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 16 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`node ${argv.join(' ')} exited ${result.status ?? result.signal}: ${result.stderr.toString().slice(-2000)}`);
  return ms;
}

/** True once GET url answers 200; false on any error or other status. */
async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

function rssMb(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

interface ServerRun {
  readyMs: number;
  /** RSS 3 s after ready, and after IDLE_MS. */
  startedRssMb: number;
  idleRssMb: number;
}

/** Starts `openchecker <args>` on a free port, times it to the first 200 of /healthz, reads its idle RSS, stops it. */
async function timeServer(subcommand: string[], cwd: string, env: Record<string, string>): Promise<ServerRun> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/healthz`;
  const started = performance.now();
  const child = track(spawn(process.execPath, [ENTRY, ...subcommand, '--host', '127.0.0.1', '--port', String(port)], { cwd, env: cleanEnv(env), stdio: ['ignore', 'ignore', 'pipe'] }));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  try {
    // Polled every 5 ms: the poll's own cost is a few ms of this process's CPU, not the server's.
    while (!(await answers(url))) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`openchecker ${subcommand[0]} exited before it was ready:\n${stderr}`);
      if (performance.now() - started > READY_TIMEOUT_MS) throw new Error(`openchecker ${subcommand[0]} was not ready after ${READY_TIMEOUT_MS} ms:\n${stderr}`);
      await sleep(5);
    }
    const readyMs = performance.now() - started;
    await sleep(JUST_STARTED_MS);
    const startedRssMb = rssMb(child.pid as number);
    await sleep(IDLE_MS - JUST_STARTED_MS);
    return { readyMs, startedRssMb, idleRssMb: rssMb(child.pid as number) };
  } finally {
    await stopChild(child);
  }
}

async function main(): Promise<void> {
  const work = tempDir('startup');
  const repo = join(work, 'one-file-repo');
  mkdirSync(repo, { recursive: true });
  writeFileSync(join(repo, 'README.md'), '# One file\n\nA repository with a README and nothing else.\n');

  const oneShots: Record<string, string[]> = {
    'node -e 0 (floor)': ['-e', '0'],
    'openchecker --help': [ENTRY, '--help'],
    'openchecker commands': [ENTRY, 'commands'],
    'openchecker check <one-file repo> -c readme-checker': [ENTRY, 'check', repo, '-c', 'readme-checker', '-q'],
  };
  const runs: Record<string, number[]> = Object.fromEntries(Object.keys(oneShots).map((name) => [name, []]));
  for (const argv of Object.values(oneShots)) timeProcess(argv, work); // warm-up: the page cache holds node_modules and dist
  for (let round_ = 0; round_ < ROUNDS; round_++) {
    const names = Object.keys(oneShots);
    for (const name of round_ % 2 === 0 ? names : names.reverse()) runs[name]?.push(timeProcess(oneShots[name] as string[], work));
  }

  // Servers: `up` on a prepared data folder; `serve` on PostgreSQL (and RabbitMQ when installed).
  const upDir = join(work, 'up');
  mkdirSync(upDir, { recursive: true });
  const upArgs = ['up', '--data-dir', join(upDir, 'data')];
  const servers: Record<string, { args: string[]; cwd: string; env: Record<string, string> }> = {
    'openchecker up': { args: upArgs, cwd: upDir, env: {} },
  };
  const notes: string[] = [];
  const pgMissing = postgresAvailable();
  if (pgMissing) {
    notes.push(`serve skipped: ${pgMissing}`);
  } else {
    const postgres = await startPostgres();
    let brokerUrl = `amqp://127.0.0.1:${await freePort()}`;
    if (rabbitAvailable() === null) {
      brokerUrl = (await startRabbit()).url;
      notes.push('serve: real PostgreSQL and RabbitMQ');
    } else {
      notes.push('serve: real PostgreSQL; RabbitMQ not installed, so the broker URL is a closed port (the API answers /healthz meanwhile)');
    }
    const serveDir = join(work, 'serve');
    mkdirSync(serveDir, { recursive: true });
    servers['openchecker serve'] = {
      args: ['serve'],
      cwd: serveDir,
      env: { OPENCHECKER_DATABASE_URL: postgres.url, OPENCHECKER_RABBITMQ_URL: brokerUrl, OPENCHECKER_JWT_SECRET_KEY: 'startup-bench-secret-key-0123456789' },
    };
  }
  const serverRuns: Record<string, ServerRun[]> = Object.fromEntries(Object.keys(servers).map((name) => [name, []]));
  for (const server of Object.values(servers)) await timeServer(server.args, server.cwd, server.env); // untimed first start
  for (let round_ = 0; round_ < SERVER_ROUNDS; round_++) {
    const names = Object.keys(servers);
    for (const name of round_ % 2 === 0 ? names : names.reverse()) {
      const server = servers[name] as (typeof servers)[string];
      serverRuns[name]?.push(await timeServer(server.args, server.cwd, server.env));
    }
  }

  const floor = median(runs['node -e 0 (floor)'] ?? []);
  const targets: Record<string, number> = {
    'openchecker --help': 150,
    'openchecker check <one-file repo> -c readme-checker': 400,
    'openchecker serve': 1000,
    'openchecker up': 1000,
  };
  const rows: (string | number)[][] = [];
  const summary: Record<string, unknown> = {};
  for (const [name, values] of Object.entries(runs)) {
    const ms = median(values);
    const target = targets[name];
    rows.push([name, round(ms, 0), round(ms / floor, 1), target === undefined ? '' : `<= ${target} ms`, target === undefined ? '' : verdict(ms <= target)]);
    summary[name] = { median_ms: round(ms, 1), ratio_to_floor: round(ms / floor, 2), target_ms: target ?? null, pass: target === undefined ? null : ms <= target };
  }
  for (const [name, values] of Object.entries(serverRuns)) {
    const ms = median(values.map((run) => run.readyMs));
    const target = targets[name] as number;
    rows.push([`${name} ready (/healthz 200)`, round(ms, 0), round(ms / floor, 1), `<= ${target} ms`, verdict(ms <= target)]);
    summary[name] = {
      ready_median_ms: round(ms, 1),
      ratio_to_floor: round(ms / floor, 2),
      target_ms: target,
      pass: ms <= target,
      rss_3s_median_mb: round(median(values.map((run) => run.startedRssMb)), 1),
      rss_idle_median_mb: round(median(values.map((run) => run.idleRssMb)), 1),
    };
  }
  const rssRows = Object.entries(serverRuns).map(([name, values]) => {
    const started = median(values.map((run) => run.startedRssMb));
    const idle = median(values.map((run) => run.idleRssMb));
    const isApi = name === 'openchecker serve';
    return [`${name} RSS${isApi ? ' (API only)' : ' (API + 2 agents)'}`, round(started, 1), round(idle, 1), isApi ? '<= 80 MB idle' : '(reported)', isApi ? verdict(idle <= 80) : ''];
  });
  for (const note of notes) process.stdout.write(`${note}\n`);
  process.stdout.write(`\n${formatTable(['median wall ms', 'ms', 'x floor', 'target', 'verdict'], rows)}\n\n`);
  process.stdout.write(`${formatTable(['median RSS, MB', `${JUST_STARTED_MS / 1000} s after ready`, `after ${IDLE_MS / 1000} s idle`, 'target', 'verdict'], rssRows)}\n`);
  const path = writeResults('startup', {
    settings: { entry: ENTRY, rounds: ROUNDS, server_rounds: SERVER_ROUNDS, just_started_ms: JUST_STARTED_MS, idle_ms: IDLE_MS, notes },
    summary,
    runs_ms: runs,
    server_runs: serverRuns,
  });
  process.stdout.write(`results: ${path}\n`);
  process.exit(0); // PostgreSQL and RabbitMQ are stopped by their exit hooks
}

await main();
