/**
 * Shared pieces of the benchmarks: starting `openchecker up` as a child process with a known user, small HTTP
 * helpers, medians, tables and the JSON result files. Every child process started here is killed when the
 * benchmark exits, also when it fails or is interrupted.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { readdir } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

/** The repository root (this file runs as dist/bench/support.js). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(ROOT, 'bin', 'openchecker.js');

// ---------------------------------------------------------------- child processes and temporary folders

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();

function killChildrenNow(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  children.clear();
}

function removeTempDirsNow(): void {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

process.on('exit', () => {
  killChildrenNow();
  removeTempDirsNow();
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    process.stderr.write(`\n${signal}: stopping the benchmark and its child processes\n`);
    process.exit(130);
  });
}

/** A fresh folder under the system temp dir, removed when the benchmark exits. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `openchecker-bench-${prefix}-`));
  tempDirs.add(dir);
  return dir;
}

/** Tracks a child process so it is killed at exit; returns it. */
export function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => child.once('exit', () => resolvePromise()));
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const gone = exited(child);
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolvePromise) => {
    timer = setTimeout(() => resolvePromise('late'), graceMs);
  });
  const outcome = await Promise.race([gone.then(() => 'gone' as const), late]);
  clearTimeout(timer);
  if (outcome === 'late') {
    child.kill('SIGKILL');
    await gone;
  }
}

/** Resolves with the first match of `pattern` in the stream's text; rejects on timeout or when the process exits. */
export function waitForOutput(child: ChildProcess, stream: Readable, pattern: RegExp, timeoutMs: number, what: string): Promise<RegExpExecArray> {
  return new Promise((resolvePromise, reject) => {
    let text = '';
    const cleanup = (): void => {
      clearTimeout(timer);
      stream.off('data', onData);
      child.off('exit', onExit);
    };
    const onData = (chunk: Buffer): void => {
      text = (text + chunk.toString('utf8')).slice(-20_000);
      const match = pattern.exec(text);
      if (match) {
        cleanup();
        resolvePromise(match);
      }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      cleanup();
      reject(new Error(`${what} exited (code ${code}, signal ${signal}) before it was ready:\n${text.slice(-4000)}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`${what} was not ready after ${timeoutMs} ms:\n${text.slice(-4000)}`));
    }, timeoutMs);
    stream.on('data', onData);
    child.once('exit', onExit);
  });
}

let clockTicks: number | null = null;

/**
 * CPU seconds (user + system) a process has used so far, from /proc; NaN where /proc is missing. CPU time per
 * request is far steadier than throughput on a shared machine. With `children`, the CPU time of its finished
 * child processes (e.g. the agents' git clones) is added.
 */
export function cpuSeconds(pid: number, children = false): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (clockTicks === null) {
      const answer = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim());
      clockTicks = Number.isFinite(answer) && answer > 0 ? answer : 100;
    }
    const own = Number(fields[11]) + Number(fields[12]);
    const waited = children ? Number(fields[13]) + Number(fields[14]) : 0;
    return (own + waited) / clockTicks;
  } catch {
    return Number.NaN;
  }
}

// ---------------------------------------------------------------- openchecker up

export interface OpenCheckerOptions {
  /** Folder for the data dir, the agents' workspaces and the log file (also the working directory). */
  workDir: string;
  agents: number;
  allowLocalRepos?: boolean;
  /** pino level of the server; default: info, what an operator runs. */
  logLevel?: string;
  /** The CLI script to run; default bin/openchecker.js (which runs dist/). */
  cli?: string;
}

export interface OpenCheckerProcess {
  url: string;
  pid: number;
  token: string;
  logFile: string;
  /** The environment the server ran with, minus secrets (for the result file). */
  settings: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts `openchecker up` on a free loopback port with a fresh data dir and a known user, and signs in once
 * (argon2 runs on POST /auth only). The server's log goes to a file, as it would under a service manager.
 * Inherited OPENCHECKER_* variables and a config.ini in the current folder are kept out.
 */
export async function startOpenChecker(options: OpenCheckerOptions): Promise<OpenCheckerProcess> {
  const username = 'bench';
  const password = randomBytes(18).toString('base64url');
  const dataDir = join(options.workDir, 'data');
  const reposDir = join(options.workDir, 'repos');
  const logFile = join(options.workDir, 'openchecker.log');
  mkdirSync(options.workDir, { recursive: true });
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('OPENCHECKER_') && key !== 'LOG_LEVEL') env[key] = value;
  }
  const settings: Record<string, string> = {
    OPENCHECKER_OPENCHECK_REPOS_DIR: reposDir,
    OPENCHECKER_OPENCHECK_SHUTDOWN_GRACE_S: '2',
    LOG_LEVEL: options.logLevel ?? 'info',
  };
  Object.assign(env, settings, {
    OPENCHECKER_USERMANAGER_DEFAULT_USERNAME: username,
    OPENCHECKER_USERMANAGER_DEFAULT_PASSWORD: password,
  });
  const args = [options.cli ?? CLI, 'up', '--host', '127.0.0.1', '--port', '0', '--data-dir', dataDir, '--agents', String(options.agents)];
  if (options.allowLocalRepos) args.push('--allow-local-repos');

  const logFd = openSync(logFile, 'a');
  const child = track(spawn(process.execPath, args, { cwd: options.workDir, env, stdio: ['ignore', logFd, 'pipe'] }));
  closeSync(logFd);
  const stderr = child.stderr;
  if (!stderr) throw new Error('no stderr pipe');
  try {
    const match = await waitForOutput(child, stderr, /OpenChecker is running at (http:\/\/\S+?) \(/, 30_000, 'openchecker up');
    const url = match[1] as string;
    // Keep draining stderr so the child never blocks on a full pipe.
    stderr.resume();
    const auth = await httpJson('POST', `${url}/auth`, { username, password });
    const token = (auth.body as { access_token?: unknown }).access_token;
    if (auth.status !== 200 || typeof token !== 'string') throw new Error(`POST /auth answered ${auth.status}: ${JSON.stringify(auth.body)}`);
    return {
      url,
      pid: child.pid as number,
      token,
      logFile,
      settings: { ...settings, agents: String(options.agents), allow_local_repos: String(Boolean(options.allowLocalRepos)) },
      stop: () => stopChild(child),
    };
  } catch (err) {
    await stopChild(child, 2000);
    throw err;
  }
}

// ---------------------------------------------------------------- HTTP

export interface JsonResponse {
  status: number;
  body: unknown;
  bytes: number;
}

export async function httpJson(method: 'GET' | 'POST', url: string, body?: unknown, token?: string): Promise<JsonResponse> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed, bytes: Buffer.byteLength(text) };
}

/** GET /agents: the embedded queue's depth. */
export async function queueDepth(server: OpenCheckerProcess): Promise<{ ready: number; unacked: number }> {
  const response = await httpJson('GET', `${server.url}/agents`, undefined, server.token);
  const queue = (response.body as { queue?: { ready?: number; unacked?: number } }).queue;
  return { ready: queue?.ready ?? -1, unacked: queue?.unacked ?? -1 };
}

/** The server's Prometheus exposition (GET /metrics). */
export async function scrapeMetrics(server: OpenCheckerProcess): Promise<string> {
  const response = await fetch(`${server.url}/metrics`);
  return response.text();
}

/** Sum of every sample of `name` (any labels) in a Prometheus exposition; labels must contain `labelFilter` if given. */
export function metricSum(text: string, name: string, labelFilter = ''): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    const match = /^(\{[^}]*\})? ([-+0-9.eE]+|NaN)$/.exec(rest);
    if (!match || !(match[1] ?? '').includes(labelFilter)) continue;
    total += Number(match[2]);
  }
  return total;
}

/** Tasks the server's agents finished, by status, from the Prometheus counter. */
export async function tasksProcessed(server: OpenCheckerProcess): Promise<Record<string, number>> {
  const text = await scrapeMetrics(server);
  return {
    succeeded: metricSum(text, 'openchecker_agent_tasks_total', 'status="succeeded"'),
    failed: metricSum(text, 'openchecker_agent_tasks_total', 'status="failed"'),
  };
}

// ---------------------------------------------------------------- load generation

export interface LoadResult {
  label: string;
  seconds: number;
  ok: number;
  /** Successful (2xx) responses per second. */
  reqPerSec: number;
  /** Latencies of the 2xx responses in ms, exact (nearest rank over every response, not autocannon's histogram). */
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** autocannon's own p99 (HDR histogram; with a fixed rate it adds coordinated-omission samples). */
  p99Autocannon: number;
  /** CPU the load generator (this process) used, in % of one core: near 100 means the client was the limit. */
  clientCpuPercent: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

/** Runs autocannon once and summarises it; every 2xx response time is kept for exact percentiles. */
export async function load(label: string, options: autocannon.Options): Promise<LoadResult> {
  const instance = autocannon(options);
  const times: number[] = [];
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, ms: number) => {
    if (statusCode >= 200 && statusCode < 300) times.push(ms);
  });
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = await instance;
  const cpu = process.cpuUsage(cpuBefore);
  const clientCpuPercent = ((cpu.user + cpu.system) / 1000 / (performance.now() - started)) * 100;
  times.sort((a, b) => a - b);
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, stat]) => [code, stat.count]));
  return {
    label,
    seconds: result.duration,
    ok: result['2xx'],
    reqPerSec: result['2xx'] / result.duration,
    p50: percentileOfSorted(times, 0.5),
    p90: percentileOfSorted(times, 0.9),
    p99: percentileOfSorted(times, 0.99),
    max: times.at(-1) ?? Number.NaN,
    p99Autocannon: result.latency.p99,
    clientCpuPercent,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
  };
}

/** Nearest-rank percentile of an ascending array. */
export function percentileOfSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[index] as number;
}

// ---------------------------------------------------------------- numbers and reports

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** A plain-text table with right-aligned numbers. */
export function formatTable(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [headers.map(String), ...rows.map((row) => row.map((cell) => (typeof cell === 'number' ? formatNumber(cell) : cell)))];
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[]): string =>
    row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
  return [line(cells[0] as string[]), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2);
}

const loadAtStart = loadavg();

export function machine(): Record<string, unknown> {
  const cpu = cpus();
  return {
    cpus: cpu.length,
    cpu_model: cpu[0]?.model ?? 'unknown',
    memory_gib: round(totalmem() / 1024 ** 3, 1),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadavg_at_start: loadAtStart.map((value) => round(value, 2)),
    loadavg_at_end: loadavg().map((value) => round(value, 2)),
  };
}

/** Writes bench/results/<name>.json and returns its path. */
export function writeResults(name: string, data: Record<string, unknown>): string {
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.json`);
  writeFileSync(path, `${JSON.stringify({ benchmark: name, date: new Date().toISOString(), machine: machine(), ...data }, null, 2)}\n`);
  return path;
}

export function verdict(pass: boolean): string {
  return pass ? 'PASS' : 'FAIL';
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolvePromise) => setTimeout(resolvePromise, ms));
}

/** git's environment in benchmarks: a fixed author, no system or user configuration. */
export const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@example.test', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'bench@example.test', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };

/** Runs git in `dir` (argument array, no shell) and returns its trimmed output. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], { env: GIT_ENV, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }).trim();
}

/** Every regular file below `dir`, as sorted relative paths. */
export async function filesBelow(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (sub: string): Promise<void> => {
    for (const entry of await readdir(join(dir, sub), { withFileTypes: true })) {
      const path = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) out.push(path);
    }
  };
  await walk('');
  return out.sort();
}
