/**
 * `serve` and `agent` started the way the reference overlay starts them — the image's ENTRYPOINT and ENV, the
 * container's args and env (secrets filled in, $(VAR) references expanded), the config volume at ./config
 * holding a seed-style config.ini — against real PostgreSQL and RabbitMQ, answer the probe paths on the
 * ports the manifests name, serve metrics where the scrape annotations point, pass the image's HEALTHCHECK,
 * and stop on SIGTERM within terminationGracePeriodSeconds.
 *
 * As a container runtime would, the test maps what only exists inside a pod: Service names to 127.0.0.1 and
 * the test servers' ports, container ports to free local ports, volume mount paths to temp folders.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import pg from 'pg';
import { packageRoot } from '../../src/lib/paths.js';
import { freePort, postgresAvailable, rabbitAvailable, startPostgres, startRabbit, type PostgresServer, type RabbitServer } from '../support/services.js';
import { find, onlyContainer, rendered, resolvePort, type Container, type Probe, type Workload } from './support.js';

const root = packageRoot();
const skip = postgresAvailable() ?? rabbitAvailable();
let postgres: PostgresServer;
let rabbit: RabbitServer;
let work: string;

/** The upstream config.ini layout an operator keeps on the NFS volume: its host, port and placeholders must not win. */
const SEED_CONFIG_INI = `[RabbitMQ]
host = localhost
port = 5672
username =
password =
heartbeat_interval_s = 60

[OpenCheck]
host = 0.0.0.0
port = 80
repos_dir = /tmp/repos

[JWT]
secret_key = your_secure_secret_key_here
expires_minutes = 300
`;

before(async () => {
  if (skip) return;
  [postgres, rabbit] = await Promise.all([startPostgres(), startRabbit()]);
  work = mkdtempSync(join(tmpdir(), 'oc-deploy-probes-'));
  // The database and role the manifests' OPENCHECKER_DATABASE_URL names (the test server trusts local logins).
  const client = new pg.Client({ connectionString: postgres.url });
  await client.connect();
  try {
    await client.query('CREATE ROLE openchecker LOGIN');
    await client.query('CREATE DATABASE openchecker OWNER openchecker');
  } finally {
    await client.end();
  }
});

after(async () => {
  if (skip) return;
  await Promise.all([postgres?.destroy(), rabbit?.destroy()]);
  if (work) rmSync(work, { recursive: true, force: true });
});

/** ENV of the image's last stage, as the container starts with it. */
function imageEnv(): Record<string, string> {
  const dockerfile = DockerfileParser.parse(readFileSync(join(root, 'Dockerfile'), 'utf8'));
  const runtimeStart = dockerfile.getFROMs().at(-1)!.getRange().start.line;
  const env: Record<string, string> = {};
  for (const instruction of dockerfile.getENVs()) {
    if (instruction.getRange().start.line < runtimeStart) continue;
    for (const property of instruction.getProperties()) env[property.getName()] = property.getValue() ?? '';
  }
  return env;
}

interface PodRuntime {
  secrets: Record<string, Record<string, string>>;
  /** Service name → address and port map. */
  services: Record<string, { host: string; ports: Record<number, number> }>;
}

/** The container's environment as the kubelet builds it: literal values, secret keys, $(VAR) expansion. */
function containerEnv(container: Container, runtime: PodRuntime): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of container.env ?? []) {
    const ref = entry.valueFrom?.secretKeyRef;
    if (ref) {
      const value = runtime.secrets[ref.name]?.[ref.key];
      if (value === undefined) {
        assert.ok(ref.optional, `${entry.name}: secret ${ref.name} key ${ref.key} is required`);
        continue;
      }
      env[entry.name] = value;
    } else {
      env[entry.name] = (entry.value ?? '').replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, name: string) => env[name] ?? whole);
    }
  }
  return env;
}

/** What cluster DNS and Services do: `rabbitmq` → 127.0.0.1 and the test broker's port, in plain values and URLs. */
function mapServices(env: Record<string, string>, runtime: PodRuntime): Record<string, string> {
  const out = { ...env };
  for (const [name, value] of Object.entries(env)) {
    const service = runtime.services[value];
    if (service) {
      out[name] = service.host;
      // The matching *_PORT variable (OPENCHECKER_RABBITMQ_HOST → OPENCHECKER_RABBITMQ_PORT).
      const portVar = name.replace(/_HOST$/, '_PORT');
      const port = env[portVar];
      if (portVar !== name && port !== undefined) {
        const mapped = service.ports[Number(port)];
        assert.ok(mapped, `${portVar}=${port} is not a port of Service ${value}`);
        out[portVar] = String(mapped);
      }
      continue;
    }
    if (/^(postgres(ql)?|amqps?):\/\//.test(value)) {
      const url = new URL(value);
      const target = runtime.services[url.hostname];
      assert.ok(target, `${name} points at ${url.hostname}, which is no Service of the deployment`);
      const mapped = target.ports[Number(url.port)];
      assert.ok(mapped, `${name}: port ${url.port} is not a port of Service ${url.hostname}`);
      url.hostname = target.host;
      url.port = String(mapped);
      out[name] = url.toString();
    }
  }
  return out;
}

interface Started {
  child: ChildProcess;
  output: () => string;
  ports: Map<number, number>;
  env: Record<string, string>;
}

async function startLikeThePod(workload: Workload, runtime: PodRuntime): Promise<Started> {
  const container = onlyContainer(workload);
  const appDir = mkdtempSync(join(work, `${workload.metadata.name}-`));
  // Volume mounts: /app/config (the working directory is /app) and the emptyDirs, each a local folder.
  const mounts = new Map<string, string>();
  for (const mount of container.volumeMounts ?? []) {
    const local = mount.mountPath.startsWith('/app/') ? join(appDir, mount.mountPath.slice('/app/'.length)) : join(appDir, 'mnt', mount.mountPath);
    mkdirSync(local, { recursive: true });
    mounts.set(mount.mountPath, local);
  }
  const configDir = mounts.get('/app/config');
  assert.ok(configDir, 'the config volume is mounted at /app/config');
  writeFileSync(join(configDir, 'config.ini'), SEED_CONFIG_INI);

  let env = mapServices({ ...imageEnv(), ...containerEnv(container, runtime) }, runtime);
  env = Object.fromEntries(
    Object.entries(env).map(([name, value]) => {
      const mount = [...mounts.keys()].find((path) => value === path || value.startsWith(`${path}/`));
      return [name, mount ? mounts.get(mount)! + value.slice(mount.length) : value];
    }),
  );
  // Container ports → free local ports, in the arguments that open them.
  const ports = new Map<number, number>();
  for (const port of container.ports ?? []) ports.set(port.containerPort, await freePort());
  const args = (container.args ?? []).map((arg) => (/^\d+$/.test(arg) && ports.has(Number(arg)) ? String(ports.get(Number(arg))) : arg));
  const child = spawn(process.execPath, [join(root, 'bin', 'openchecker.js'), ...args], {
    cwd: appDir,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: appDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output, ports, env };
}

async function probe(started: Started, container: Container, spec: Probe | undefined, what: string, budgetMs: number): Promise<{ status: number; body: string }> {
  assert.ok(spec?.httpGet, `${container.name}: ${what} probe is an HTTP GET`);
  const port = started.ports.get(resolvePort(container, spec.httpGet.port));
  assert.ok(port, `${container.name}: ${what} probe port is a container port`);
  const url = `http://127.0.0.1:${port}${spec.httpGet.path}`;
  const deadline = Date.now() + budgetMs;
  let last = 'no answer';
  for (;;) {
    if (started.child.exitCode !== null) throw new Error(`${container.name} exited with ${started.child.exitCode}:\n${started.output()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      const body = await response.text();
      if (response.status >= 200 && response.status < 400) return { status: response.status, body };
      last = `${response.status} ${body}`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    if (Date.now() > deadline) throw new Error(`${what} probe ${url} never succeeded (last: ${last}):\n${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function healthcheck(env: Record<string, string>): number | null {
  return spawnSync(process.execPath, [join(root, 'deploy', 'docker', 'healthcheck.mjs')], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 15_000 }).status;
}

async function stopsGracefully(started: Started, workload: Workload): Promise<void> {
  const grace = (workload.spec.template.spec.terminationGracePeriodSeconds ?? 30) * 1000;
  const exited = once(started.child, 'exit');
  const t0 = Date.now();
  started.child.kill('SIGTERM');
  const timer = setTimeout(() => started.child.kill('SIGKILL'), grace);
  const [code] = (await exited) as [number | null];
  clearTimeout(timer);
  assert.equal(code, 0, `${workload.metadata.name} exits 0 on SIGTERM:\n${started.output()}`);
  assert.ok(Date.now() - t0 < grace, `${workload.metadata.name} stopped within terminationGracePeriodSeconds`);
}

test('serve and agent started as the manifests start them answer their probes, metrics and health check', { timeout: 120_000 }, async (t) => {
  if (skip) {
    t.skip(skip);
    return;
  }
  const objects = rendered();
  const runtime: PodRuntime = {
    secrets: {
      'openchecker-secrets': { 'postgres-password': randomBytes(16).toString('hex'), 'jwt-secret-key': randomBytes(32).toString('hex') },
      // What the RabbitMQ cluster operator generates; the test broker's user.
      'rabbitmq-default-user': { username: 'guest', password: 'guest' },
    },
    services: {
      rabbitmq: { host: '127.0.0.1', ports: { 5672: rabbit.port } },
      'openchecker-postgres': { host: '127.0.0.1', ports: { 5432: postgres.port } },
    },
  };
  // Each Service the apps reach is declared in the manifests with that port (rabbitmq is the operator's).
  const pgService = find(objects, 'Service', 'openchecker-postgres') as unknown as { spec: { ports: { port: number }[] } };
  assert.deepEqual(pgService.spec.ports.map((p) => p.port), [5432]);

  const mainWorkload = find<Workload>(objects, 'Deployment', 'openchecker-main');
  const agentWorkload = find<Workload>(objects, 'Deployment', 'openchecker-agent');
  const main = await startLikeThePod(mainWorkload, runtime);
  const agent = await startLikeThePod(agentWorkload, runtime);
  try {
    for (const [started, workload] of [[main, mainWorkload], [agent, agentWorkload]] as const) {
      const container = onlyContainer(workload);
      const startup = container.startupProbe;
      const budget = Math.min(60_000, (startup?.periodSeconds ?? 10) * (startup?.failureThreshold ?? 3) * 1000);
      await probe(started, container, startup, 'startup', budget);
      const live = await probe(started, container, container.livenessProbe, 'liveness', 5000);
      assert.deepEqual(JSON.parse(live.body), { status: 'ok' });
      // Ready once the broker connection (made in the background) is up.
      const ready = await probe(started, container, container.readinessProbe, 'readiness', 30_000);
      assert.equal((JSON.parse(ready.body) as { status: string }).status, 'ready');
    }

    // Prometheus scrapes where the pod annotations say.
    const annotations = (mainWorkload.spec.template.metadata as { annotations?: Record<string, string> }).annotations ?? {};
    const metricsPort = main.ports.get(Number(annotations['prometheus.io/port']));
    const metrics = await fetch(`http://127.0.0.1:${metricsPort}${annotations['prometheus.io/path']}`);
    assert.equal(metrics.status, 200);
    const text = await metrics.text();
    assert.match(text, /^openchecker_queue_messages/m);
    // Agents serve their own work where their pod annotations say.
    const agentAnnotations = (agentWorkload.spec.template.metadata as { annotations?: Record<string, string> }).annotations ?? {};
    const agentMetrics = await fetch(`http://127.0.0.1:${agent.ports.get(Number(agentAnnotations['prometheus.io/port']))}${agentAnnotations['prometheus.io/path']}`);
    assert.equal(agentMetrics.status, 200);
    assert.match(await agentMetrics.text(), /^# HELP openchecker_checker_duration_seconds/m);

    // The image's HEALTHCHECK, with the environment each container has (the agent's health URL set explicitly).
    assert.equal(healthcheck({ ...main.env, OPENCHECKER_OPENCHECK_PORT: String(main.ports.get(8080)) }), 0);
    const agentHealthPort = agent.ports.get(resolvePort(onlyContainer(agentWorkload), 'health'));
    assert.equal(healthcheck({ OPENCHECKER_HEALTHCHECK_URL: `http://127.0.0.1:${agentHealthPort}/healthz` }), 0);
    assert.equal(healthcheck({ OPENCHECKER_OPENCHECK_PORT: String(await freePort()) }), 1, 'fails when nothing answers');

    await Promise.all([stopsGracefully(agent, agentWorkload), stopsGracefully(main, mainWorkload)]);
  } finally {
    for (const started of [main, agent]) if (started.child.exitCode === null && started.child.signalCode === null) started.child.kill('SIGKILL');
  }
});
