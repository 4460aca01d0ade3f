/**
 * Distributed pipeline throughput, side by side in one run: tasks/s through 1 `serve` + 1, 2 and 4 `agent`
 * processes on real RabbitMQ and PostgreSQL, against `openchecker up` (embedded) with the same agent count,
 * each on the same fast checker and local repository; then the raw rate of `POST /opencheck` with publisher
 * confirms (no agents consuming). Medians of the rounds are reported, with ratios to the embedded mode.
 *
 *   npm run bench -- distributed      (defaults: 3 rounds of 120 tasks)
 *   node dist/bench/distributed.bench.js rounds=2 tasks=100 [only=publish] [connections=32]
 *     (after a build; only=publish: the publish rate alone; connections: of the publish load)
 *
 * The publish rate comes with the CPU seconds each party used during the saturated rounds (the API process,
 * the broker, PostgreSQL, the load generator), read from /proc: on a shared 2-core machine it tells whether the
 * API is what limits the rate.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster, type Cluster } from '../test/support/cluster.js';
import { makeRepo } from '../test/support/fixtures.js';
import { TEST_USER, startUp } from '../test/support/servers.js';
import { postgresAvailable, rabbitAvailable, startPostgres, startRabbit } from '../test/support/services.js';
import { formatTable, load, machine, median, round, writeResults } from './support.js';

const args = Object.fromEntries(process.argv.slice(2).map((arg) => arg.split('=') as [string, string]));
const ROUNDS = Number(args.rounds ?? 3);
const TASKS = Number(args.tasks ?? 120);
const CONNECTIONS = Number(args.connections ?? 32);
const AGENT_COUNTS = [1, 2, 4];

type Party = 'api' | 'broker' | 'database' | 'load generator';

/** CPU seconds (user + system) used so far by each party's processes, from /proc; empty where there is none. */
function cpuByParty(): Partial<Record<Party, number>> {
  const ticks = 100; // USER_HZ on Linux
  const totals: Partial<Record<Party, number>> = {};
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return totals;
  }
  for (const pid of pids) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const party: Party | null = Number(pid) === process.pid
        ? 'load generator'
        : cmdline.includes('openchecker.js serve')
          ? 'api'
          : cmdline.includes('beam.smp')
            ? 'broker'
            : /^postgres(?::| )/.test(cmdline) || cmdline.includes('/postgres ')
              ? 'database'
              : null;
      if (!party) continue;
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      totals[party] = (totals[party] ?? 0) + (Number(fields[11]) + Number(fields[12])) / ticks;
    } catch {
      // the process ended while being read
    }
  }
  return totals;
}
const BODY = (projectUrl: string): Record<string, unknown> => ({ commands: ['readme-checker', 'binary-checker'], project_url: projectUrl });

async function drain(submit: () => Promise<string>, done: (ids: string[]) => Promise<boolean>): Promise<number> {
  const started = performance.now();
  const ids: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < TASKS) {
        next += 1;
        ids.push(await submit());
      }
    }),
  );
  while (!(await done(ids))) await new Promise((resolve) => setTimeout(resolve, 100));
  return TASKS / ((performance.now() - started) / 1000);
}

async function distributedRate(cluster: Cluster, repoDir: string): Promise<number> {
  return drain(
    async () => {
      const response = await cluster.submit(BODY(repoDir));
      if (response.status !== 200) throw new Error(JSON.stringify(response.body));
      return response.body.task_id as string;
    },
    async (ids) => {
      const counts = await cluster.store.countTasksByStatus();
      return counts.succeeded + counts.failed >= ids.length;
    },
  );
}

async function main(): Promise<void> {
  const missing = postgresAvailable() ?? rabbitAvailable();
  if (missing) throw new Error(missing);
  const work = mkdtempSync(join(tmpdir(), 'oc-bench-dist-'));
  const repo = await makeRepo({ 'README.md': '# demo\n', 'src/index.js': 'console.log(1);\n' }, { git: true, name: 'demo' });
  const [postgres, rabbit] = await Promise.all([startPostgres(), startRabbit()]);
  const rows: (string | number)[][] = [];
  const results: Record<string, unknown> = { machine: machine(), tasksPerRound: TASKS, rounds: ROUNDS };
  try {
    for (const agents of args.only === 'publish' ? [] : AGENT_COUNTS) {
      const distributed: number[] = [];
      const embedded: number[] = [];
      for (let roundIndex = 0; roundIndex < ROUNDS; roundIndex++) {
        const cluster = await startCluster({ postgres, rabbit, agents, workDir: work, env: { LOG_LEVEL: 'warn' } });
        try {
          distributed.push(await distributedRate(cluster, repo.dir));
        } finally {
          await cluster.stop();
        }
        const up = await startUp({ dataDir: mkdtempSync(join(work, 'up-')), cwd: work, agents });
        try {
          const auth = (await (await fetch(`${up.url}/auth`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(TEST_USER) })).json()) as { access_token: string };
          const headers = { 'content-type': 'application/json', authorization: `Bearer ${auth.access_token}` };
          embedded.push(
            await drain(
              async () => {
                const response = await fetch(`${up.url}/opencheck`, { method: 'POST', headers, body: JSON.stringify(BODY(repo.dir)) });
                return ((await response.json()) as { task_id: string }).task_id;
              },
              async (ids) => {
                const last = (await (await fetch(`${up.url}/tasks/${ids.at(-1) ?? ''}`, { headers })).json()) as { status: string };
                if (last.status !== 'succeeded') return false;
                const page = (await (await fetch(`${up.url}/tasks?status=queued&limit=1`, { headers })).json()) as { tasks: unknown[] };
                const running = (await (await fetch(`${up.url}/tasks?status=running&limit=1`, { headers })).json()) as { tasks: unknown[] };
                return page.tasks.length === 0 && running.tasks.length === 0;
              },
            ),
          );
        } finally {
          await up.stop();
        }
      }
      const d = median(distributed);
      const e = median(embedded);
      rows.push([agents, round(d, 1), round(e, 1), round(d / e, 2)]);
      results[`agents${agents}`] = { distributedTasksPerSec: distributed, embeddedTasksPerSec: embedded, medianRatio: d / e };
      process.stdout.write(`agents=${agents}: distributed ${round(d, 1)} tasks/s, embedded ${round(e, 1)} tasks/s\n`);
    }
    if (rows.length > 0) process.stdout.write(`\nThroughput (${TASKS} tasks per round, median of ${ROUNDS}):\n`);
    if (rows.length > 0) process.stdout.write(`${formatTable(['agents', 'distributed tasks/s', 'embedded tasks/s', 'ratio'], rows)}\n`);

    // Raw publish rate with confirms: no agents, so every request is a row insert + confirmed publish.
    const cluster = await startCluster({ postgres, rabbit, agents: 0, workDir: work, env: { LOG_LEVEL: 'warn' } });
    try {
      const body = JSON.stringify({ commands: ['readme-checker'], project_url: 'https://github.com/acme/demo' });
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${cluster.token}` };
      const publish = [];
      const cpuBefore = cpuByParty();
      const wallBefore = performance.now();
      for (let roundIndex = 0; roundIndex < ROUNDS; roundIndex++) {
        publish.push(await load('publish', { url: `${cluster.apiUrl}/opencheck`, method: 'POST', headers, body, connections: CONNECTIONS, duration: 8 }));
      }
      const wallSeconds = (performance.now() - wallBefore) / 1000;
      const cpuAfter = cpuByParty();
      const cores: Record<string, number> = {};
      for (const [party, seconds] of Object.entries(cpuAfter)) cores[party] = round((seconds - (cpuBefore[party as Party] ?? 0)) / wallSeconds, 2);
      const fixed = await load('publish@1000', { url: `${cluster.apiUrl}/opencheck`, method: 'POST', headers, body, connections: CONNECTIONS, duration: 8, overallRate: 1000 });
      const rate = median(publish.map((r) => r.reqPerSec));
      const p99 = median(publish.map((r) => r.p99));
      process.stdout.write(`\nPOST /opencheck with publisher confirms (${CONNECTIONS} connections): ${round(rate, 0)} req/s, p99 ${round(p99, 1)} ms (median of ${ROUNDS})\n`);
      process.stdout.write(`CPU cores used while saturated (of ${String(machine().cpus)}): ${JSON.stringify(cores)}\n`);
      process.stdout.write(`At a fixed 1,000 req/s: ${round(fixed.reqPerSec, 0)} req/s served, p99 ${round(fixed.p99, 1)} ms, non-2xx ${fixed.non2xx}\n`);
      results.publish = { connections: CONNECTIONS, runs: publish, medianReqPerSec: rate, medianP99: p99, coresWhileSaturated: cores, fixed1000: fixed };
    } finally {
      await cluster.stop();
    }
    process.stdout.write(`results: ${writeResults('distributed', results)}\n`);
  } finally {
    await Promise.all([postgres.destroy(), rabbit.destroy()]);
    await repo.cleanup();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
