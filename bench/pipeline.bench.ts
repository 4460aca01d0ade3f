/**
 * Pipeline benchmark: what a task costs end to end (submit → queue → agent → clone → checker → store) against
 * what its unavoidable part, a bare `git clone`, costs on the same machine in the same run.
 *
 *  - fixture: a local git repository of 500 files (a README.md and small text files in nested folders), one
 *    commit, packed.
 *  - bare: `git clone --quiet --depth 1 -- <path> <dest>`, one at a time, timed with spawnSync. The agents clone
 *    the same plain path (a local clone: git ignores --depth there and hard-links the objects), so this is the
 *    reference; the file:// form (which runs upload-pack) is timed once for information.
 *  - ours: `openchecker up --agents 2 --allow-local-repos`; 200 tasks running readme-checker on the fixture are
 *    submitted with POST /opencheck, then the queue is polled until it is empty. Every task must have
 *    succeeded and found the README, or the run is invalid (exit code 1).
 *
 * Bare clone series run before, between and after the pipeline rounds so that drifting machine noise shows.
 * Per-task cost = wall time × agents / tasks (two agents work in parallel on two cores), compared with the
 * median bare clone; each task's own finished_at − started_at (GET /opencheck/:id) is a second view.
 *
 * Environment: BENCH_TASKS (default 200), BENCH_ROUNDS (default 3), BENCH_CLONES (default 20 per series).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  cpuSeconds,
  formatTable,
  httpJson,
  median,
  percentileOfSorted,
  metricSum,
  queueDepth,
  round,
  scrapeMetrics,
  sleep,
  startOpenChecker,
  tempDir,
  verdict,
  writeResults,
  type OpenCheckerProcess,
} from './support.js';

const TASKS = Number(process.env.BENCH_TASKS ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CLONES = Number(process.env.BENCH_CLONES ?? 20);
const AGENTS = 2;
const FILES = 500;
const SUBMIT_CONCURRENCY = 8;
const ROUND_TIMEOUT_MS = 300_000;
const TARGET_PER_TASK_RATIO = 1.5;

// ------------------------------------------------------------------ fixture and bare clones

/** git without the host's configuration, with fixed identities and dates. */
function gitEnv(home: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    LANG: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    GIT_AUTHOR_NAME: 'Bench',
    GIT_AUTHOR_EMAIL: 'bench@example.invalid',
    GIT_COMMITTER_NAME: 'Bench',
    GIT_COMMITTER_EMAIL: 'bench@example.invalid',
    GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z',
    GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z',
  };
}

function git(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): void {
  const result = spawnSync('git', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
}

/** A small deterministic PRNG (mulberry32), so every run builds the same fixture. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['queue', 'agent', 'task', 'check', 'license', 'readme', 'commit', 'branch', 'result', 'callback', 'store', 'token'];

function makeFixture(dir: string, env: NodeJS.ProcessEnv): { files: number; bytes: number } {
  const random = prng(42);
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  const write = (path: string, text: string): void => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
    bytes += Buffer.byteLength(text);
  };
  write('README.md', '# demo-repo\n\nA fixture for the OpenChecker pipeline benchmark.\n');
  const kinds = ['src', 'lib', 'docs', 'test'];
  const extensions = ['txt', 'md', 'js', 'json', 'ts'];
  for (let i = 1; i < FILES; i++) {
    const lines = 3 + Math.floor(random() * 40);
    const text = Array.from({ length: lines }, () =>
      Array.from({ length: 4 + Math.floor(random() * 8) }, () => WORDS[Math.floor(random() * WORDS.length)] as string).join(' '),
    ).join('\n');
    write(`pkg${i % 8}/${kinds[i % 4] as string}/m${i % 5}/file${i}.${extensions[i % 5] as string}`, `${text}\n`);
  }
  git(['init', '--quiet', '--initial-branch=main'], dir, env);
  git(['add', '--all'], dir, env);
  git(['-c', 'commit.gpgsign=false', 'commit', '--quiet', '--message', 'benchmark fixture'], dir, env);
  // One pack, as in any fetched repository (a local clone then hard-links one pack instead of 500 loose objects).
  git(['repack', '-a', '-d', '--quiet'], dir, env);
  return { files: FILES, bytes };
}

interface CloneSeries {
  label: string;
  /** Wall time of each clone, ms. */
  times: number[];
  /** CPU time (user + system) of the git processes, per clone, ms. */
  cpuMsPerClone: number;
}

const cloneArgs = (source: string, dest: string): string[] => ['clone', '--quiet', '--depth', '1', '--', source, dest];

/** Times `git clone --quiet --depth 1 -- <source> <dest>` `count` times, one at a time; each clone is removed untimed. */
function cloneSeries(label: string, source: string, scratch: string, count: number, env: NodeJS.ProcessEnv): CloneSeries {
  const times: number[] = [];
  const childCpu = (): number => cpuSeconds(process.pid, true) - cpuSeconds(process.pid);
  const cpuBefore = childCpu();
  for (let i = 0; i < count; i++) {
    const dest = join(scratch, `clone-${i}`);
    const started = performance.now();
    const result = spawnSync('git', cloneArgs(source, dest), { env, stdio: ['ignore', 'ignore', 'pipe'] });
    const elapsed = performance.now() - started;
    if (result.status !== 0) throw new Error(`bare git clone failed (${result.status}): ${result.stderr.toString()}`);
    times.push(elapsed);
    rmSync(dest, { recursive: true, force: true });
  }
  return { label, times, cpuMsPerClone: ((childCpu() - cpuBefore) * 1000) / count };
}

/**
 * `count` clones with `parallel` running at a time, as the agents run them: wall × parallel / count is what a
 * clone costs per worker when the workers share the machine (2 cores) — the pipeline's per-task figure without
 * any OpenChecker work.
 */
async function parallelClones(
  source: string,
  scratch: string,
  count: number,
  parallel: number,
  env: NodeJS.ProcessEnv,
): Promise<{ msPerClonePerWorker: number; cpuMsPerClone: number }> {
  const childCpu = (): number => cpuSeconds(process.pid, true) - cpuSeconds(process.pid);
  const cpuBefore = childCpu();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const dest = join(scratch, `parallel-${next++}`);
      await new Promise<void>((resolvePromise, reject) => {
        const child = spawn('git', cloneArgs(source, dest), { env, stdio: 'ignore' });
        child.once('error', reject);
        child.once('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`bare git clone failed (${code})`))));
      });
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: parallel }, worker));
  const wall = performance.now() - started;
  const cpuMsPerClone = ((childCpu() - cpuBefore) * 1000) / count;
  for (let i = 0; i < count; i++) rmSync(join(scratch, `parallel-${i}`), { recursive: true, force: true });
  return { msPerClonePerWorker: (wall * parallel) / count, cpuMsPerClone };
}

// ------------------------------------------------------------------ the pipeline

interface TaskView {
  task_id: string;
  status: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
  scan_results?: Record<string, unknown> | null;
}

interface PipelineRound {
  round: number;
  tasks: number;
  submitSeconds: number;
  /** First created_at to last finished_at, from the task records. */
  wallSeconds: number;
  /** From the first submit to the poll that saw an empty queue (includes up to one poll interval). */
  wallSecondsPolled: number;
  tasksPerSecond: number;
  /** wall × agents / tasks. */
  perTaskMs: number;
  taskMedianMs: number;
  taskP90Ms: number;
  queueWaitMedianMs: number;
  /** CPU of the server process and its finished children (the agents' git clones), per task. */
  cpuMsPerTask: number;
  /** Of that, the git children's share, per task. */
  gitCpuMsPerTask: number;
  /** Mean clone time inside the agents (openchecker_clone_duration_seconds). */
  cloneMeanMs: number;
  /** Mean readme-checker time (openchecker_checker_duration_seconds). */
  checkerMeanMs: number;
}

async function inBatches<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

async function pipelineRound(server: OpenCheckerProcess, repo: string, roundNumber: number): Promise<PipelineRound> {
  const body = { commands: ['readme-checker'], project_url: repo, task_metadata: { version_number: 'None' } };
  const expected = JSON.stringify({ readme_file: [`${basename(repo)}/README.md`] });
  const cpuBefore = cpuSeconds(server.pid, true);
  const gitCpuBefore = cpuBefore - cpuSeconds(server.pid);
  const metricsBefore = await scrapeMetrics(server);
  const started = performance.now();
  const ids = await inBatches(
    Array.from({ length: TASKS }, (_, i) => i),
    SUBMIT_CONCURRENCY,
    async () => {
      const response = await httpJson('POST', `${server.url}/opencheck`, body, server.token);
      const taskId = (response.body as { task_id?: unknown }).task_id;
      if (response.status !== 200 || typeof taskId !== 'string') throw new Error(`POST /opencheck answered ${response.status}: ${JSON.stringify(response.body)}`);
      return taskId;
    },
  );
  const submitted = performance.now();
  for (;;) {
    const depth = await queueDepth(server);
    if (depth.ready === 0 && depth.unacked === 0) break;
    if (performance.now() - started > ROUND_TIMEOUT_MS) throw new Error(`round ${roundNumber}: tasks still queued after ${ROUND_TIMEOUT_MS / 1000} s: ${JSON.stringify(depth)}`);
    await sleep(50);
  }
  const done = performance.now();
  const cpuAfter = cpuSeconds(server.pid, true);
  const cpuUsed = cpuAfter - cpuBefore;
  const gitCpuUsed = cpuAfter - cpuSeconds(server.pid) - gitCpuBefore;
  const metricsAfter = await scrapeMetrics(server);
  const delta = (name: string, labels = ''): number => metricSum(metricsAfter, name, labels) - metricSum(metricsBefore, name, labels);
  const checker = 'command="readme-checker"';

  const tasks = await inBatches(ids, SUBMIT_CONCURRENCY, async (taskId) => {
    const response = await httpJson('GET', `${server.url}/opencheck/${taskId}`, undefined, server.token);
    if (response.status !== 200) throw new Error(`GET /opencheck/${taskId} answered ${response.status}`);
    return response.body as TaskView;
  });
  const bad = tasks.filter((task) => task.status !== 'succeeded' || JSON.stringify(task.scan_results?.['readme-checker']) !== expected);
  if (bad.length > 0) {
    const sample = bad.slice(0, 5).map((task) => `${task.task_id}: ${task.status} ${task.error ?? ''} ${JSON.stringify(task.scan_results)}`);
    throw new Error(`round ${roundNumber}: ${bad.length} of ${TASKS} tasks did not succeed with the expected result:\n  ${sample.join('\n  ')}`);
  }
  const at = (iso: string | null): number => Date.parse(iso as string);
  const durations = tasks.map((task) => at(task.finished_at) - at(task.started_at)).sort((a, b) => a - b);
  const waits = tasks.map((task) => at(task.started_at) - at(task.created_at));
  const wallMs = Math.max(...tasks.map((task) => at(task.finished_at))) - Math.min(...tasks.map((task) => at(task.created_at)));
  return {
    round: roundNumber,
    tasks: TASKS,
    submitSeconds: (submitted - started) / 1000,
    wallSeconds: wallMs / 1000,
    wallSecondsPolled: (done - started) / 1000,
    tasksPerSecond: TASKS / (wallMs / 1000),
    perTaskMs: (wallMs * AGENTS) / TASKS,
    taskMedianMs: median(durations),
    taskP90Ms: percentileOfSorted(durations, 0.9),
    queueWaitMedianMs: median(waits),
    cpuMsPerTask: (cpuUsed * 1000) / TASKS,
    gitCpuMsPerTask: (gitCpuUsed * 1000) / TASKS,
    cloneMeanMs: (delta('openchecker_clone_duration_seconds_sum') / delta('openchecker_clone_duration_seconds_count')) * 1000,
    checkerMeanMs: (delta('openchecker_checker_duration_seconds_sum', checker) / delta('openchecker_checker_duration_seconds_count', checker)) * 1000,
  };
}

// ------------------------------------------------------------------ main

async function main(): Promise<number> {
  const work = tempDir('pipeline');
  const env = gitEnv(work);
  const repo = join(work, 'fixture', 'demo-repo');
  const scratch = join(work, 'scratch');
  mkdirSync(scratch, { recursive: true });
  const fixture = makeFixture(repo, env);
  console.log(`pipeline: fixture of ${fixture.files} files (${Math.round(fixture.bytes / 1024)} KiB); ${ROUNDS} rounds of ${TASKS} readme-checker tasks, ${AGENTS} agents`);

  const series: CloneSeries[] = [];
  const parallel: number[] = [];
  const parallelCpu: number[] = [];
  const clone = async (label: string): Promise<void> => {
    const one = cloneSeries(label, repo, scratch, CLONES, env);
    series.push(one);
    const together = await parallelClones(repo, scratch, CLONES, AGENTS, env);
    parallel.push(together.msPerClonePerWorker);
    parallelCpu.push(together.cpuMsPerClone);
    console.log(
      `  bare clone ${label}: median ${median(one.times).toFixed(1)} ms over ${CLONES} (${one.cpuMsPerClone.toFixed(0)} ms CPU); ` +
        `${AGENTS} at a time: ${together.msPerClonePerWorker.toFixed(1)} ms per clone per worker (${together.cpuMsPerClone.toFixed(0)} ms CPU)`,
    );
  };
  cloneSeries('warm-up', repo, scratch, 3, env); // warm the page cache
  const fileUrl = cloneSeries('file://', pathToFileURL(repo).href, scratch, CLONES, env);
  console.log(`  bare clone file:// (info): median ${median(fileUrl.times).toFixed(1)} ms over ${CLONES}`);
  await clone('before');

  const rounds: PipelineRound[] = [];
  const server = await startOpenChecker({ workDir: join(work, 'server'), agents: AGENTS, allowLocalRepos: true });
  try {
    for (let r = 1; r <= ROUNDS; r++) {
      const result = await pipelineRound(server, repo, r);
      rounds.push(result);
      console.log(
        `  pipeline round ${r}: ${result.wallSeconds.toFixed(2)} s wall, ${result.tasksPerSecond.toFixed(1)} tasks/s, ` +
          `${result.perTaskMs.toFixed(1)} ms per task per agent, task median ${result.taskMedianMs.toFixed(0)} ms`,
      );
      await clone(r === ROUNDS ? 'after' : `after round ${r}`);
    }
  } finally {
    await server.stop();
  }

  // ------------------------------------------------------------ report
  const allClones = series.flatMap((s) => s.times);
  const cloneMedian = median(allClones);
  const parallelMedian = median(parallel);
  const cloneCpu = median(series.map((s) => s.cpuMsPerClone));
  const perTask = median(rounds.map((r) => r.perTaskMs));
  const taskMedian = median(rounds.map((r) => r.taskMedianMs));
  const taskCpu = median(rounds.map((r) => r.cpuMsPerTask));
  const ratio = perTask / cloneMedian;
  const pass = ratio <= TARGET_PER_TASK_RATIO;
  const spread = (values: readonly number[]): string => `${round(Math.min(...values), 1)}-${round(Math.max(...values), 1)}`;

  console.log(
    `\n${formatTable(
      ['bare git clone series', 'median ms', 'range ms', 'git CPU ms/clone', `${AGENTS} at a time: ms/clone/worker`, `${AGENTS} at a time: CPU ms/clone`],
      [
        ...series.map((s, i) => [
          s.label,
          round(median(s.times), 1),
          spread(s.times),
          round(s.cpuMsPerClone, 1),
          round(parallel[i] as number, 1),
          round(parallelCpu[i] as number, 1),
        ]),
        ['all (reference)', round(cloneMedian, 1), spread(allClones), round(cloneCpu, 1), round(parallelMedian, 1), round(median(parallelCpu), 1)],
        ['file:// form (info)', round(median(fileUrl.times), 1), spread(fileUrl.times), round(fileUrl.cpuMsPerClone, 1), '-', '-'],
      ],
    )}\n`,
  );
  console.log(
    `${formatTable(
      ['pipeline round', 'wall s', 'tasks/s', 'per task ms', 'task median ms', 'task p90 ms', 'clone mean ms', 'checker mean ms', 'CPU ms/task', 'git CPU ms/task', 'submit s'],
      rounds.map((r) => [
        `#${r.round}`,
        round(r.wallSeconds, 2),
        round(r.tasksPerSecond, 1),
        round(r.perTaskMs, 1),
        round(r.taskMedianMs, 1),
        round(r.taskP90Ms, 1),
        round(r.cloneMeanMs, 1),
        round(r.checkerMeanMs, 1),
        round(r.cpuMsPerTask, 1),
        round(r.gitCpuMsPerTask, 1),
        round(r.submitSeconds, 2),
      ]),
    )}\n`,
  );
  console.log(
    formatTable(
      ['summary (medians)', 'ours', 'bare', 'ours/bare', 'target', 'verdict'],
      [
        [`per task ms (wall x ${AGENTS} / ${TASKS}) vs one clone`, round(perTask, 1), round(cloneMedian, 1), round(ratio, 2), `<= ${TARGET_PER_TASK_RATIO}`, verdict(pass)],
        [`per task ms vs clones ${AGENTS} at a time`, round(perTask, 1), round(parallelMedian, 1), round(perTask / parallelMedian, 2), '(info)', ''],
        ['task finished - started ms vs one clone', round(taskMedian, 1), round(cloneMedian, 1), round(taskMedian / cloneMedian, 2), '(info)', ''],
        ['CPU ms per task (server + git) vs per clone (git)', round(taskCpu, 1), round(cloneCpu, 1), round(taskCpu / cloneCpu, 2), '(info)', ''],
        [
          `  git CPU per task vs per clone ${AGENTS} at a time`,
          round(median(rounds.map((r) => r.gitCpuMsPerTask)), 1),
          round(median(parallelCpu), 1),
          round(median(rounds.map((r) => r.gitCpuMsPerTask)) / median(parallelCpu), 2),
          '(info)',
          '',
        ],
        ['clone inside the agent, mean ms', round(median(rounds.map((r) => r.cloneMeanMs)), 1), round(cloneMedian, 1), round(median(rounds.map((r) => r.cloneMeanMs)) / cloneMedian, 2), '(info)', ''],
        ['readme-checker, mean ms', round(median(rounds.map((r) => r.checkerMeanMs)), 1), '', '', '', ''],
        ['tasks/s', round(median(rounds.map((r) => r.tasksPerSecond)), 2), '', '', '', ''],
        ['wall s per round', round(median(rounds.map((r) => r.wallSeconds)), 2), '', '', '', ''],
      ],
    ),
  );

  const path = writeResults('pipeline', {
    settings: {
      tasks: TASKS,
      rounds: ROUNDS,
      agents: AGENTS,
      clones_per_series: CLONES,
      fixture,
      command: 'readme-checker',
      project_url: 'local path of the fixture (temporary)',
      bare_clone: 'git clone --quiet --depth 1 -- <path> <dest> (local clone, as the agents do)',
      server: server.settings,
    },
    summary: {
      bare_clone_median_ms: round(cloneMedian, 2),
      bare_clone_parallel_ms_per_clone_per_worker: round(parallelMedian, 2),
      bare_clone_cpu_ms: round(cloneCpu, 2),
      bare_clone_parallel_cpu_ms: round(median(parallelCpu), 2),
      bare_clone_file_url_median_ms: round(median(fileUrl.times), 2),
      tasks_per_s: round(median(rounds.map((r) => r.tasksPerSecond)), 2),
      wall_s: round(median(rounds.map((r) => r.wallSeconds)), 3),
      per_task_ms: round(perTask, 2),
      per_task_vs_bare_clone: round(ratio, 3),
      per_task_vs_parallel_clones: round(perTask / parallelMedian, 3),
      task_duration_median_ms: round(taskMedian, 2),
      task_duration_vs_bare_clone: round(taskMedian / cloneMedian, 3),
      cpu_ms_per_task: round(taskCpu, 2),
      git_cpu_ms_per_task: round(median(rounds.map((r) => r.gitCpuMsPerTask)), 2),
      clone_in_agent_mean_ms: round(median(rounds.map((r) => r.cloneMeanMs)), 2),
      checker_mean_ms: round(median(rounds.map((r) => r.checkerMeanMs)), 2),
      cpu_per_task_vs_clone: round(taskCpu / cloneCpu, 3),
      target: { per_task_vs_bare_clone: `<= ${TARGET_PER_TASK_RATIO}`, value: round(ratio, 3), pass },
    },
    clone_series: series.map((s, i) => ({
      label: s.label,
      median_ms: round(median(s.times), 2),
      cpu_ms_per_clone: round(s.cpuMsPerClone, 2),
      parallel_ms_per_clone_per_worker: round(parallel[i] as number, 2),
      parallel_cpu_ms_per_clone: round(parallelCpu[i] as number, 2),
      times_ms: s.times.map((t) => round(t, 2)),
    })),
    clone_file_url: { median_ms: round(median(fileUrl.times), 2), times_ms: fileUrl.times.map((t) => round(t, 2)) },
    rounds,
  });
  console.log(`\nresults: ${path}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
