/**
 * Real PostgreSQL and RabbitMQ servers for tests, each in its own temp folder on free ports, started from the
 * Debian packages (`.ci/run` installs them). Each can be stopped and started again on the same port and data
 * (for outage tests). When a server's binaries are missing, `available` says why so tests skip visibly.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

// ---------------------------------------------------------------- clean-up on exit

/**
 * Servers still running when this process ends (a test file killed by the runner's timeout never runs its
 * `after` hooks): stopped synchronously on exit, so no broker or database outlives its tests.
 */
const running = new Map<string, () => void>();
let exitHooked = false;
function stopOnExit(key: string, stopSync: () => void): void {
  running.set(key, stopSync);
  if (exitHooked) return;
  exitHooked = true;
  process.once('exit', () => {
    for (const stop of running.values()) {
      try {
        stop();
      } catch {
        // best effort while exiting
      }
    }
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => process.exit(1));
}

// ---------------------------------------------------------------- PostgreSQL

const PG_BIN_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/14/bin'];

function pgBin(): string | null {
  return PG_BIN_DIRS.find((dir) => existsSync(join(dir, 'initdb'))) ?? null;
}

/** PostgreSQL refuses to run as root: as root the server runs as the `postgres` system user. */
function pgIdentity(): { uid: number; gid: number } | null {
  if (userInfo().uid !== 0) return null;
  const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (id.status !== 0 || gid.status !== 0) throw new Error('running as root needs the postgres system user (apt-get install postgresql)');
  return { uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

export interface PostgresServer {
  url: string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes its data. */
  destroy(): Promise<void>;
  /** A fresh database on this server, for one test file. */
  createDatabase(name: string): Promise<string>;
}

export function postgresAvailable(): string | null {
  return pgBin() ? null : 'PostgreSQL server binaries not found (apt-get install postgresql)';
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = pgBin();
  if (!bin) throw new Error(postgresAvailable() ?? 'no PostgreSQL');
  const identity = pgIdentity();
  const root = await mkdtemp(join(tmpdir(), 'oc-pg-'));
  const data = join(root, 'data');
  const port = await freePort();
  if (identity) await chown(root, identity.uid, identity.gid);
  const asServer = identity ? { uid: identity.uid, gid: identity.gid } : {};
  const run = (tool: string, args: string[]): void => {
    const result = spawnSync(join(bin, tool), args, { ...asServer, encoding: 'utf8', cwd: root });
    if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr || result.stdout}`);
  };
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  const start = async (): Promise<void> => run('pg_ctl', ['-D', data, '-o', options, '-l', join(root, 'log'), '-w', '-t', '60', 'start']);
  const stop = async (): Promise<void> => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  await start();
  stopOnExit(root, () => spawnSync(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop'], { ...asServer, stdio: 'ignore', timeout: 30_000 }));
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    start,
    stop,
    async destroy() {
      await stop().catch(() => undefined);
      running.delete(root);
      await rm(root, { recursive: true, force: true });
    },
    async createDatabase(name: string) {
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replace(/[^a-z0-9_]/g, '_')}"`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name.replace(/[^a-z0-9_]/g, '_')}`;
    },
  };
}

// ---------------------------------------------------------------- RabbitMQ

const RABBIT_SERVER = '/usr/lib/rabbitmq/bin/rabbitmq-server';
const RABBIT_DIAGNOSTICS = '/usr/lib/rabbitmq/bin/rabbitmq-diagnostics';
const RABBIT_CTL = '/usr/lib/rabbitmq/bin/rabbitmqctl';

export function rabbitAvailable(): string | null {
  return existsSync(RABBIT_SERVER) ? null : 'RabbitMQ not found (apt-get install rabbitmq-server)';
}

export interface RabbitServer {
  url: string;
  port: number;
  start(): Promise<void>;
  /** Stops the broker (messages in durable queues survive). */
  stop(): Promise<void>;
  destroy(): Promise<void>;
  /** rabbitmqctl against this node (argument array). */
  ctl(...args: string[]): string;
}

/**
 * A broker of the test's own. Its ports come from freePort(), which another test process may be handed too
 * before this broker binds them; the node then answers ping but stops while booting (its listener cannot
 * bind). So a start that does not finish booting is tried again on fresh ports.
 */
export async function startRabbit(): Promise<RabbitServer> {
  if (rabbitAvailable()) throw new Error(rabbitAvailable() ?? '');
  for (let attempt = 1; ; attempt++) {
    try {
      return await startRabbitOnce();
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

async function startRabbitOnce(): Promise<RabbitServer> {
  const root = await mkdtemp(join(tmpdir(), 'oc-rabbit-'));
  const port = await freePort();
  const distPort = await freePort();
  const node = `octest${port}@localhost`;
  await mkdir(join(root, 'log'), { recursive: true });
  await writeFile(join(root, 'enabled_plugins'), '[].\n');
  await writeFile(join(root, 'env.conf'), '');
  await writeFile(join(root, 'rabbitmq.conf'), `loopback_users = none\nlisteners.tcp.default = ${port}\n`);
  // The Erlang cookie must be private to its owner, or the node refuses to start.
  await writeFile(join(root, '.erlang.cookie'), `OCTEST${port}COOKIE`);
  await chmod(join(root, '.erlang.cookie'), 0o400);
  const env = {
    ...process.env,
    HOME: root,
    RABBITMQ_MNESIA_BASE: join(root, 'mnesia'),
    RABBITMQ_LOG_BASE: join(root, 'log'),
    RABBITMQ_NODENAME: node,
    RABBITMQ_NODE_PORT: String(port),
    RABBITMQ_DIST_PORT: String(distPort),
    RABBITMQ_ENABLED_PLUGINS_FILE: join(root, 'enabled_plugins'),
    RABBITMQ_CONFIG_FILE: join(root, 'rabbitmq'),
    RABBITMQ_ADVANCED_CONFIG_FILE: join(root, 'advanced.config'),
    RABBITMQ_CONF_ENV_FILE: join(root, 'env.conf'),
    RABBITMQ_PID_FILE: join(root, 'pid'),
  };
  let child: ChildProcess | null = null;
  const ping = (): boolean => spawnSync(RABBIT_DIAGNOSTICS, ['-q', '-n', node, 'ping'], { env, stdio: 'ignore' }).status === 0;
  const start = async (): Promise<void> => {
    child = spawn(RABBIT_SERVER, [], { env, stdio: 'ignore', detached: false });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`rabbitmq-server exited with ${child.exitCode}; see ${join(root, 'log')}`);
      if (ping()) {
        // The node answers before the broker application has started: wait for that too.
        const booted = spawnSync(RABBIT_CTL, ['-q', '-n', node, 'await_startup', '--timeout', '60'], { env, stdio: 'ignore', timeout: 70_000 });
        if (booted.status !== 0 || !ping()) {
          child.kill('SIGKILL');
          throw new Error(`rabbitmq-server stopped while booting (a port taken?); see ${join(root, 'log')}`);
        }
        return;
      }
      await sleep(500);
    }
    throw new Error(`rabbitmq-server did not answer within 60 s; see ${join(root, 'log')}`);
  };
  const stop = async (): Promise<void> => {
    spawnSync(RABBIT_CTL, ['-n', node, 'shutdown'], { env, stdio: 'ignore', timeout: 60_000 });
    const running = child;
    if (running && running.exitCode === null) {
      await Promise.race([new Promise((resolve) => running.once('exit', resolve)), sleep(15_000)]);
      if (running.exitCode === null) running.kill('SIGKILL');
    }
    child = null;
  };
  try {
    await start();
  } catch (err) {
    await rm(root, { recursive: true, force: true });
    throw err;
  }
  stopOnExit(root, () => {
    spawnSync(RABBIT_CTL, ['-n', node, 'shutdown'], { env, stdio: 'ignore', timeout: 30_000 });
  });
  return {
    url: `amqp://guest:guest@127.0.0.1:${port}`,
    port,
    start,
    stop,
    async destroy() {
      await stop();
      running.delete(root);
      await rm(root, { recursive: true, force: true });
    },
    ctl(...args: string[]): string {
      const result = spawnSync(RABBIT_CTL, ['-q', '-n', node, ...args], { env, encoding: 'utf8', timeout: 60_000 });
      if (result.status !== 0) throw new Error(`rabbitmqctl ${args.join(' ')} failed: ${result.stderr}`);
      return result.stdout;
    },
  };
}
