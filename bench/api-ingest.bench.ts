/**
 * Ingest benchmark: how fast POST /opencheck accepts tasks, against a bare Fastify route on the same machine
 * in the same run.
 *
 *  - ours: `openchecker up --agents 1` as a child process (embedded SQLite store and queue, pino at info into
 *    a log file). Each request is authenticated (JWT), validated, written with its queue message in one SQLite
 *    transaction and answered. The one agent drains the queue in the same process meanwhile (eol-checker needs
 *    no checkout), so it competes with the API for the event loop: that is what `up` does in real use.
 *  - bare: bench/bare-fastify.ts as a child process: one POST route answering a body of the same size.
 *
 * Both get identical autocannon settings and request bytes (the bare server ignores the Authorization header),
 * in alternating rounds (ours and bare flat out, then ours and bare at a fixed 1,000 req/s) so that machine
 * noise hits both; the summary quotes medians over the rounds. The server's CPU time per request (from /proc)
 * is reported too: it is much steadier than req/s on a shared machine.
 * Every response must be a 200: any non-2xx, error or timeout makes the run invalid (exit code 1).
 *
 * Environment: BENCH_DURATION_S (default 10), BENCH_ROUNDS (default 3), BENCH_CONNECTIONS (default 16).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type autocannon from 'autocannon';
import {
  ROOT,
  cpuSeconds,
  formatTable,
  httpJson,
  load,
  median,
  queueDepth,
  round,
  startOpenChecker,
  stopChild,
  tasksProcessed,
  tempDir,
  track,
  verdict,
  waitForOutput,
  writeResults,
  type LoadResult,
  type OpenCheckerProcess,
} from './support.js';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const PIPELINING = 1;
const WARMUP_S = 3;
const FIXED_RATE = 1000;
const TARGET_RATIO = 0.25;
const TARGET_P99_MS = 20;

const BODY = JSON.stringify({
  commands: ['eol-checker'],
  project_url: 'https://github.com/acme/demo',
  task_metadata: { version_number: 'None' },
});

interface BareServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

async function startBare(): Promise<BareServer> {
  const child = track(spawn(process.execPath, [join(ROOT, 'dist', 'bench', 'bare-fastify.js')], { stdio: ['ignore', 'pipe', 'pipe'] }));
  const { stdout, stderr } = child;
  if (!stdout || !stderr) throw new Error('no pipes to the bare server');
  stderr.resume();
  const match = await waitForOutput(child, stdout, /listening (http:\/\/\S+)/, 15_000, 'bare Fastify server');
  stdout.resume();
  return { url: match[1] as string, pid: child.pid as number, stop: () => stopChild(child) };
}

function options(url: string, token: string, extra: Partial<autocannon.Options> = {}): autocannon.Options {
  return {
    url: `${url}/opencheck`,
    method: 'POST',
    // The same header bytes to both servers: the bare one simply ignores the token.
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: BODY,
    connections: CONNECTIONS,
    pipelining: PIPELINING,
    duration: DURATION_S,
    timeout: 10,
    ...extra,
  };
}

interface Target {
  name: 'ours' | 'bare';
  url: string;
  pid: number;
  server: OpenCheckerProcess | null;
}

interface Run extends LoadResult {
  target: 'ours' | 'bare';
  mode: 'saturated' | 'fixed-rate' | 'warm-up';
  /** CPU time (user + system) the server process used during the run, per 2xx response. */
  serverCpuUsPerRequest: number;
  /** Ours only: tasks the agent finished during the run, per second (it shares the process with the API). */
  agentTasksPerSec: number | null;
  /** Ours only: ready messages in the embedded queue when the run started. */
  queueReadyAtStart: number | null;
}

async function measure(target: Target, token: string, mode: Run['mode'], label: string, extra: Partial<autocannon.Options> = {}): Promise<Run> {
  const depth = target.server ? await queueDepth(target.server) : null;
  const processedBefore = target.server ? await tasksProcessed(target.server) : null;
  const cpuBefore = cpuSeconds(target.pid);
  const result = await load(label, options(target.url, token, extra));
  const cpuUsed = cpuSeconds(target.pid) - cpuBefore;
  let agentTasksPerSec: number | null = null;
  if (target.server && processedBefore) {
    const after = await tasksProcessed(target.server);
    const finished = (counts: Record<string, number>): number => (counts.succeeded ?? 0) + (counts.failed ?? 0);
    agentTasksPerSec = (finished(after) - finished(processedBefore)) / result.seconds;
  }
  return {
    ...result,
    target: target.name,
    mode,
    serverCpuUsPerRequest: (cpuUsed * 1e6) / Math.max(1, result.ok),
    agentTasksPerSec,
    queueReadyAtStart: depth?.ready ?? null,
  };
}

function invalid(results: readonly LoadResult[]): string[] {
  return results
    .filter((r) => r.non2xx > 0 || r.errors > 0 || r.timeouts > 0)
    .map((r) => `${r.label}: ${r.non2xx} non-2xx (${JSON.stringify(r.statusCodes)}), ${r.errors} errors, ${r.timeouts} timeouts`);
}

const medianOf = (runs: readonly Run[], pick: (run: Run) => number): number => median(runs.map(pick));

async function main(): Promise<number> {
  const work = tempDir('ingest');
  console.log(
    `ingest: ${ROUNDS} rounds of [ours, bare saturated; ours, bare at ${FIXED_RATE} req/s], ${DURATION_S} s each, ` +
      `${CONNECTIONS} connections, pipelining ${PIPELINING}`,
  );
  let server: OpenCheckerProcess | null = null;
  let bareServer: BareServer | null = null;
  try {
    server = await startOpenChecker({ workDir: work, agents: 1 });
    bareServer = await startBare();
    const ours: Target = { name: 'ours', url: server.url, pid: server.pid, server };
    const bare: Target = { name: 'bare', url: bareServer.url, pid: bareServer.pid, server: null };
    const token = server.token;

    // One request each by hand: both must answer 200 with bodies of the same size.
    const probeOurs = await httpJson('POST', `${ours.url}/opencheck`, JSON.parse(BODY), token);
    const probeBare = await httpJson('POST', `${bare.url}/opencheck`, JSON.parse(BODY));
    if (probeOurs.status !== 200 || probeBare.status !== 200) {
      throw new Error(`probe failed: ours ${probeOurs.status} ${JSON.stringify(probeOurs.body)}, bare ${probeBare.status}`);
    }
    console.log(`response bodies: ours ${probeOurs.bytes} bytes, bare ${probeBare.bytes} bytes`);

    const runs: Run[] = [
      await measure(ours, token, 'warm-up', 'warm-up ours', { duration: WARMUP_S }),
      await measure(bare, token, 'warm-up', 'warm-up bare', { duration: WARMUP_S }),
    ];
    for (let n = 1; n <= ROUNDS; n++) {
      const batch = [
        await measure(ours, token, 'saturated', `ours #${n}`),
        await measure(bare, token, 'saturated', `bare #${n}`),
        await measure(ours, token, 'fixed-rate', `ours @${FIXED_RATE}/s #${n}`, { overallRate: FIXED_RATE }),
        await measure(bare, token, 'fixed-rate', `bare @${FIXED_RATE}/s #${n}`, { overallRate: FIXED_RATE }),
      ];
      runs.push(...batch);
      console.log(`  round ${n}: ${batch.map((r) => `${r.label} ${r.reqPerSec.toFixed(0)} req/s p99 ${r.p99.toFixed(1)} ms`).join(' | ')}`);
    }

    // ------------------------------------------------------------ report
    const select = (target: Run['target'], mode: Run['mode']): Run[] => runs.filter((r) => r.target === target && r.mode === mode);
    const oursSat = select('ours', 'saturated');
    const bareSat = select('bare', 'saturated');
    const oursRate = select('ours', 'fixed-rate');
    const bareRate = select('bare', 'fixed-rate');
    const oursRps = medianOf(oursSat, (r) => r.reqPerSec);
    const bareRps = medianOf(bareSat, (r) => r.reqPerSec);
    const ratio = oursRps / bareRps;
    const roundRatios = oursSat.map((r, i) => r.reqPerSec / (bareSat[i] as Run).reqPerSec);
    const oursCpu = medianOf(oursSat, (r) => r.serverCpuUsPerRequest);
    const bareCpu = medianOf(bareSat, (r) => r.serverCpuUsPerRequest);
    const oursRateP99 = medianOf(oursRate, (r) => r.p99);
    const ratioPass = ratio >= TARGET_RATIO;
    const p99Pass = oursRateP99 < TARGET_P99_MS;

    const rows = runs
      .filter((r) => r.mode !== 'warm-up')
      .map((r) => [
        r.label,
        round(r.reqPerSec, 0),
        r.p50,
        r.p90,
        r.p99,
        r.max,
        round(r.serverCpuUsPerRequest, 0),
        round(r.clientCpuPercent, 0),
        r.non2xx + r.errors,
        r.agentTasksPerSec === null ? '-' : round(r.agentTasksPerSec, 0),
        r.queueReadyAtStart ?? '-',
      ]);
    console.log(
      `\n${formatTable(['run', 'req/s (2xx)', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'server CPU us/req', 'client CPU %', 'non-2xx+err', 'agent tasks/s', 'queued at start'], rows)}\n`,
    );
    console.log(
      formatTable(
        ['summary (medians of the rounds)', 'ours', 'bare', 'ours/bare', 'target', 'verdict'],
        [
          ['saturated req/s', round(oursRps, 0), round(bareRps, 0), round(ratio, 3), `>= ${TARGET_RATIO}`, verdict(ratioPass)],
          ['  per-round ratios', '', '', roundRatios.map((r) => r.toFixed(3)).join(' '), '', ''],
          ['saturated p99 ms', round(medianOf(oursSat, (r) => r.p99), 2), round(medianOf(bareSat, (r) => r.p99), 2), '', '', ''],
          ['server CPU us per request', round(oursCpu, 0), round(bareCpu, 0), round(bareCpu / oursCpu, 3), '(info)', ''],
          ['load generator CPU, % of a core', round(medianOf(oursSat, (r) => r.clientCpuPercent), 0), round(medianOf(bareSat, (r) => r.clientCpuPercent), 0), '', '', ''],
          [`req/s achieved at ${FIXED_RATE}/s`, round(medianOf(oursRate, (r) => r.reqPerSec), 0), round(medianOf(bareRate, (r) => r.reqPerSec), 0), '', '', ''],
          [`p99 ms at ${FIXED_RATE} req/s`, round(oursRateP99, 2), round(medianOf(bareRate, (r) => r.p99), 2), '', `< ${TARGET_P99_MS}`, verdict(p99Pass)],
        ],
      ),
    );

    const problems = invalid(runs);
    const path = writeResults('api-ingest', {
      settings: {
        duration_s: DURATION_S,
        rounds: ROUNDS,
        connections: CONNECTIONS,
        pipelining: PIPELINING,
        warmup_s: WARMUP_S,
        fixed_rate: FIXED_RATE,
        body: JSON.parse(BODY) as unknown,
        server: server.settings,
        response_bytes: { ours: probeOurs.bytes, bare: probeBare.bytes },
        load_generator: 'autocannon 8 in the benchmark process (one thread); latencies are exact percentiles of every 2xx response',
      },
      summary: {
        ours_median_req_per_s: round(oursRps, 1),
        bare_median_req_per_s: round(bareRps, 1),
        ratio_ours_bare: round(ratio, 4),
        ratio_per_round: roundRatios.map((r) => round(r, 4)),
        ours_median_p99_ms_saturated: round(medianOf(oursSat, (r) => r.p99), 3),
        bare_median_p99_ms_saturated: round(medianOf(bareSat, (r) => r.p99), 3),
        ours_median_cpu_us_per_request: round(oursCpu, 1),
        bare_median_cpu_us_per_request: round(bareCpu, 1),
        ratio_cpu_bare_ours: round(bareCpu / oursCpu, 4),
        load_generator_cpu_percent: {
          ours: round(medianOf(oursSat, (r) => r.clientCpuPercent), 1),
          bare: round(medianOf(bareSat, (r) => r.clientCpuPercent), 1),
        },
        ours_median_req_per_s_at_fixed_rate: round(medianOf(oursRate, (r) => r.reqPerSec), 1),
        ours_median_p99_ms_at_fixed_rate: round(oursRateP99, 3),
        bare_median_p99_ms_at_fixed_rate: round(medianOf(bareRate, (r) => r.p99), 3),
        targets: {
          ratio: { target: `>= ${TARGET_RATIO}`, value: round(ratio, 4), pass: ratioPass },
          fixed_rate_p99_ms: { target: `< ${TARGET_P99_MS}`, value: round(oursRateP99, 3), pass: p99Pass },
        },
        valid: problems.length === 0,
        problems,
      },
      runs,
    });
    console.log(`\nresults: ${path}`);
    if (problems.length > 0) {
      console.error(`\nINVALID RUN: not every response was a 200:\n  ${problems.join('\n  ')}`);
      return 1;
    }
    return 0;
  } finally {
    await Promise.all([server?.stop(), bareServer?.stop()]);
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
