/**
 * A distributed OpenChecker for fault tests: real `openchecker serve` and `openchecker agent` processes on a
 * real PostgreSQL database and a RabbitMQ virtual host of their own, with helpers to submit tasks, kill and
 * restart processes, and read the store directly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/lib/paths.js';
import { openPostgres, type PostgresStore } from '../../src/store/postgres.js';
import type { TaskRecord } from '../../src/store/types.js';
import type { PostgresServer, RabbitServer } from './services.js';
import { TEST_USER, waitFor } from './servers.js';

export interface ClusterProcess {
  name: string;
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

export interface Cluster {
  apiUrl: string;
  amqpUrl: string;
  databaseUrl: string;
  store: PostgresStore;
  serve: ClusterProcess;
  agents: ClusterProcess[];
  token: string;
  startAgent(extraEnv?: Record<string, string>): Promise<ClusterProcess>;
  submit(body: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }>;
  waitForTasks(taskIds: readonly string[], done: (task: TaskRecord) => boolean, timeoutMs: number): Promise<TaskRecord[]>;
  cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }>;
  stop(): Promise<void>;
}

let clusters = 0;

export interface ClusterOptions {
  postgres: PostgresServer;
  rabbit: RabbitServer;
  agents: number;
  concurrency?: number;
  workDir: string;
  env?: Record<string, string>;
  /**
   * The CLI's entry script the processes run; bin/openchecker.js (the dist/ build) when absent. A test compiled
   * elsewhere passes an entry of its own build (cliEntryOf), so the cluster runs the code under test.
   */
  cli?: string;
}

/**
 * An entry script for the CLI of the build `compiledMainUrl` belongs to (e.g. `new URL('../src/cli/main.js',
 * import.meta.url)` from a compiled test), written into `dir`.
 */
export function cliEntryOf(compiledMainUrl: URL, dir: string): string {
  const entry = join(dir, 'openchecker-entry.mjs');
  writeFileSync(entry, `const { main } = await import(${JSON.stringify(compiledMainUrl.href)});\nawait main(process.argv);\n`);
  return entry;
}

function spawnCli(name: string, args: string[], env: Record<string, string>, workDir: string, cli?: string): ClusterProcess {
  const child = spawn(process.execPath, [cli ?? join(packageRoot(), 'bin', 'openchecker.js'), ...args], {
    cwd: workDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return {
    name,
    child,
    output: () => output,
    exited,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

async function waitForOutput(proc: ClusterProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(proc.output());
    if (match) return match;
    if (proc.child.exitCode !== null) throw new Error(`${proc.name} exited with ${proc.child.exitCode}:\n${proc.output()}`);
    if (Date.now() > deadline) throw new Error(`${proc.name} did not print ${pattern} in time:\n${proc.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const id = `c${process.pid}_${++clusters}`;
  const databaseUrl = await options.postgres.createDatabase(id);
  options.rabbit.ctl('add_vhost', id);
  options.rabbit.ctl('set_permissions', '-p', id, 'guest', '.*', '.*', '.*');
  const amqpUrl = `${options.rabbit.url}/${id}`;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    LOG_LEVEL: 'info',
    OPENCHECKER_DATABASE_URL: databaseUrl,
    OPENCHECKER_RABBITMQ_URL: amqpUrl,
    OPENCHECKER_RABBITMQ_HEARTBEAT_INTERVAL_S: '5',
    OPENCHECKER_JWT_SECRET_KEY: 'a-test-secret-that-is-long-enough',
    OPENCHECKER_USERMANAGER_DEFAULT_USERNAME: TEST_USER.username,
    OPENCHECKER_USERMANAGER_DEFAULT_PASSWORD: TEST_USER.password,
    OPENCHECKER_OPENCHECK_ALLOW_LOCAL_REPOS: 'true',
    // serve and agent refuse loopback by default (hosted mode); the test's git server and callback receiver live there.
    OPENCHECKER_NETWORK_ALLOW_LOOPBACK: 'true',
    OPENCHECKER_OPENCHECK_REPOS_DIR: join(options.workDir, `workspaces-${id}`),
    OPENCHECKER_OPENCHECK_PORT: '0',
    OPENCHECKER_OPENCHECK_AGENT_HEARTBEAT_S: '1',
    OPENCHECKER_OPENCHECK_SHUTDOWN_GRACE_S: '1',
    OPENCHECKER_CALLBACK_BACKOFF_INITIAL_S: '1',
    OPENCHECKER_CALLBACK_BACKOFF_MAX_S: '2',
    OPENCHECKER_CALLBACK_MAX_ATTEMPTS: '30',
    // The cluster's own caches: the git caches of its agents and `check`'s result cache, never the user's.
    OPENCHECKER_CACHE_GIT_DIR: join(options.workDir, `git-cache-${id}`),
    XDG_CACHE_HOME: join(options.workDir, `cache-home-${id}`),
    ...options.env,
  };
  const agents: ClusterProcess[] = [];
  const started: ClusterProcess[] = [];
  const opened: { store: PostgresStore | null } = { store: null };
  try {
    return await startProcesses();
  } catch (err) {
    // A cluster that failed to start leaves nothing running: its processes would keep the test file alive until
    // the runner's time limit.
    await Promise.all(started.map((proc) => proc.kill('SIGKILL')));
    await opened.store?.close();
    throw err;
  }

  async function startProcesses(): Promise<Cluster> {
    const serve = spawnCli('serve', ['serve'], env, options.workDir, options.cli);
    started.push(serve);
    const [, apiUrl] = (await waitForOutput(serve, /API listening at (http:\/\/\S+)/, 60_000)) as unknown as [string, string];
    const openStore = await openPostgres({ url: databaseUrl, maxConnections: 4 });
    opened.store = openStore;
    let agentCount = 0;
    const startAgent = async (extraEnv: Record<string, string> = {}): Promise<ClusterProcess> => {
      const agent = spawnCli(`agent-${++agentCount}`, ['agent', '--concurrency', String(options.concurrency ?? 1)], { ...env, ...extraEnv }, options.workDir, options.cli);
      agents.push(agent);
      started.push(agent);
      await waitForOutput(agent, /agent \S+ running/, 60_000);
      return agent;
    };
    for (let index = 0; index < options.agents; index++) await startAgent();
    // Consumers subscribe once the broker connection is up (in the background): wait until they all have.
    await waitFor(
      () => openStore.listAgents(),
      (list) => list.filter((agent) => agent.status === 'running').length >= options.agents,
      30_000,
      'agents registered',
    );
    const auth = await fetch(`${apiUrl}/auth`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(TEST_USER),
    });
    const token = ((await auth.json()) as { access_token: string }).access_token;
    return {
      apiUrl,
      amqpUrl,
      databaseUrl,
      store: openStore,
      serve,
      agents,
      token,
      startAgent,
      async submit(body) {
        const response = await fetch(`${apiUrl}/opencheck`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(body),
        });
        return { status: response.status, body: (await response.json()) as Record<string, unknown> };
      },
      async waitForTasks(taskIds, done, timeoutMs) {
        return waitFor(
          async () => Promise.all(taskIds.map(async (taskId) => openStore.getTask(taskId))),
          (tasks) => tasks.every((task) => task !== null && done(task)),
          timeoutMs,
          `${taskIds.length} task(s)`,
        ) as Promise<TaskRecord[]>;
      },
      async cli(args) {
        const proc = spawnCli('cli', args, env, options.workDir, options.cli);
        const code = await proc.exited;
        const out = proc.output();
        return { code, stdout: out, stderr: out };
      },
      async stop() {
        await Promise.all([...agents, serve].map((proc) => proc.kill('SIGTERM')));
        await openStore.close();
      },
    };
  }
}
