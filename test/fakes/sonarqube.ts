/**
 * A fake SonarQube server (Web API shapes from the samples: projects/search, projects/create, ce/task,
 * ce/component, measures/component, `{"errors": [{"msg"}]}` bodies) and a fake `sonar-scanner` executable —
 * the real scanner needs Java and a real server, neither of which can run here.
 *
 * The fake scanner is a small Node script written into a temp folder: it records how it was called, submits a
 * compute-engine task to the fake server (`POST /api/ce/submit`, standing in for the report upload) and writes
 * `report-task.txt` into `sonar.working.directory`, as the real scanner does. The server then reports the task
 * IN_PROGRESS for `pendingPolls` polls and `outcome` after that, and serves measures once it succeeded.
 */
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sample, startFakeService, type FakeService } from './service-fake.js';

export const SONAR_USER = { username: 'admin', password: 'sonar-password' };
export const SONAR_TOKEN = 'squ_fake0123456789';

export interface FakeSonarQube extends FakeService {
  projects: Set<string>;
  /** What processing a submitted report ends in; STUCK never finishes. */
  outcome: 'SUCCESS' | 'FAILED' | 'STUCK';
  /** How many polls of a task answer IN_PROGRESS before `outcome` (default 0). */
  pendingPolls: number;
  /** Serve an empty measures list for analysed projects (nothing to analyse). */
  noMeasures: boolean;
  tasks: Map<string, { key: string; polls: number }>;
}

type Task = { key: string; polls: number };

export async function startFakeSonarQube(): Promise<FakeSonarQube> {
  const projects = new Set<string>();
  const tasks = new Map<string, Task>();
  const analysed = new Set<string>();
  const state = { outcome: 'SUCCESS' as FakeSonarQube['outcome'], noMeasures: false, pendingPolls: 0 };
  const notFound = (key: string): unknown => ({ errors: [{ msg: `Component key '${key}' not found` }] });

  const taskJson = (id: string, task: Task): Record<string, unknown> => {
    const status = task.polls <= state.pendingPolls || state.outcome === 'STUCK' ? 'IN_PROGRESS' : state.outcome;
    if (status === 'SUCCESS') analysed.add(task.key);
    const base = (sample('sonarqube', 'ce.component.200.success.json') as { current: Record<string, unknown> }).current;
    const json: Record<string, unknown> = { ...base, id, componentKey: task.key, componentName: task.key, status };
    if (status === 'FAILED') Object.assign(json, { errorMessage: 'Unsupported language: no sensor was able to analyse the files', errorType: 'GENERIC' });
    if (status === 'IN_PROGRESS') for (const field of ['executedAt', 'executionTimeMs', 'analysisId']) delete json[field];
    return json;
  };

  const fake = await startFakeService(
    (request, reply) => {
      const auth = String(request.headers.authorization ?? '');
      const valid = [`${SONAR_USER.username}:${SONAR_USER.password}`, `${SONAR_TOKEN}:`].map((pair) => `Basic ${Buffer.from(pair).toString('base64')}`);
      if (!valid.includes(auth)) return reply.text(401, '', { 'www-authenticate': 'Basic realm="sonarqube"' });
      const q = request.query;
      switch (`${request.method} ${request.path}`) {
        case 'GET /api/projects/search': {
          const keys = (q.get('projects') ?? '').split(',').filter((key) => projects.has(key));
          const components = keys.map((key) => ({ key, name: key, qualifier: 'TRK', visibility: 'public' }));
          return reply.json(200, { paging: { pageIndex: 1, pageSize: 100, total: components.length }, components });
        }
        case 'POST /api/projects/create': {
          const form = new URLSearchParams(request.body);
          const key = form.get('project') ?? '';
          if (projects.has(key)) return reply.json(400, sample('sonarqube', 'projects.create.400.already-exists.json'));
          projects.add(key);
          return reply.json(200, { project: { key, name: form.get('name') ?? key, qualifier: 'TRK', visibility: 'public' } });
        }
        case 'POST /api/ce/submit': {
          const key = q.get('projectKey') ?? '';
          if (!projects.has(key)) return reply.json(404, notFound(key));
          const id = `AZ${String(tasks.size + 1).padStart(18, '0')}`;
          tasks.set(id, { key, polls: 0 });
          return reply.json(200, { projectId: key, taskId: id });
        }
        case 'GET /api/ce/task': {
          const id = q.get('id') ?? '';
          const task = tasks.get(id);
          if (!task) return reply.json(404, { errors: [{ msg: `No activity found for task '${id}'` }] });
          task.polls += 1;
          return reply.json(200, { task: taskJson(id, task) });
        }
        case 'GET /api/ce/component': {
          const key = q.get('component') ?? '';
          if (!projects.has(key)) return reply.json(404, notFound(key));
          const entries = [...tasks.entries()].filter(([, task]) => task.key === key);
          const last = entries[entries.length - 1];
          if (!last) return reply.json(200, sample('sonarqube', 'ce.component.200.never-analysed.json'));
          last[1].polls += 1;
          const json = taskJson(last[0], last[1]);
          const done = json.status !== 'PENDING' && json.status !== 'IN_PROGRESS';
          return reply.json(200, done ? { queue: [], current: json } : { queue: [json] });
        }
        case 'GET /api/measures/component': {
          const key = q.get('component') ?? '';
          if (!projects.has(key)) return reply.json(404, notFound(key));
          const file = analysed.has(key) && !state.noMeasures ? 'measures.component.200.json' : 'measures.component.200.no-measures.json';
          const body = sample('sonarqube', file) as { component: Record<string, unknown> };
          const wanted = new Set((q.get('metricKeys') ?? '').split(','));
          const measures = (body.component.measures as { metric: string }[]).filter((m) => wanted.has(m.metric));
          return reply.json(200, { component: { ...body.component, key, name: key, measures } });
        }
        default:
          return reply.json(404, { errors: [{ msg: `Unknown url : ${request.path}` }] });
      }
    },
    { 401: { errors: [{ msg: 'Not authorized' }] }, 404: { errors: [{ msg: 'Unknown url' }] } },
  );
  // defineProperties, not Object.assign: assign would copy the accessors' current values, not the accessors.
  return Object.defineProperties(Object.assign(fake, { projects, tasks }), {
    outcome: { get: () => state.outcome, set: (value: FakeSonarQube['outcome']) => (state.outcome = value) },
    noMeasures: { get: () => state.noMeasures, set: (value: boolean) => (state.noMeasures = value) },
    pendingPolls: { get: () => state.pendingPolls, set: (value: number) => (state.pendingPolls = value) },
  }) as FakeSonarQube;
}

export type FakeScannerMode = 'ok' | 'fail' | 'hang' | 'no-report';

export interface FakeScanner {
  /** The folder holding the `sonar-scanner` executable (put it on PATH). */
  dir: string;
  path: string;
  setMode(mode: FakeScannerMode): Promise<void>;
  /** Every invocation so far: arguments, working folder, environment variable names and the token it got. */
  invocations(): Promise<{ args: string[]; cwd: string; envKeys: string[]; token: string | null }[]>;
}

const SCANNER_SCRIPT = String.raw`
const { appendFileSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const here = __dirname;
const mode = JSON.parse(readFileSync(join(here, 'behaviour.json'), 'utf8')).mode;
const args = process.argv.slice(2);
appendFileSync(join(here, 'invocations.jsonl'), JSON.stringify({ args, cwd: process.cwd(), envKeys: Object.keys(process.env).sort(), token: process.env.SONAR_TOKEN ?? null }) + '\n');
const props = Object.fromEntries(args.filter((a) => a.startsWith('-D')).map((a) => { const i = a.indexOf('='); return [a.slice(2, i), a.slice(i + 1)]; }));
console.log('INFO: Scanner configuration file: NONE');
if (mode === 'fail') {
  console.log('INFO: Analysis report generated');
  console.log('ERROR: Error during SonarScanner execution');
  console.log('ERROR: Not authorized. Analyzing this project requires authentication.');
  process.exit(2);
}
if (mode === 'hang') { setInterval(() => {}, 1000); return; }
const host = props['sonar.host.url'];
const key = props['sonar.projectKey'];
fetch(host + '/api/ce/submit?projectKey=' + encodeURIComponent(key), {
  method: 'POST',
  headers: { authorization: 'Basic ' + Buffer.from(process.env.SONAR_TOKEN + ':').toString('base64') },
}).then(async (res) => {
  if (res.status !== 200) { console.log('ERROR: report upload failed: HTTP ' + res.status); process.exit(1); }
  const { taskId } = await res.json();
  if (mode !== 'no-report') {
    writeFileSync(join(props['sonar.working.directory'], 'report-task.txt'),
      'projectKey=' + key + '\nserverUrl=' + host + '\ndashboardUrl=' + host + '/dashboard?id=' + key + '\nceTaskId=' + taskId + '\nceTaskUrl=' + host + '/api/ce/task?id=' + taskId + '\n');
  }
  console.log('INFO: ANALYSIS SUCCESSFUL');
}, (err) => { console.log('ERROR: ' + err.message); process.exit(1); });
`;

/** Writes the fake `sonar-scanner` (a CommonJS Node script run by this very Node binary) into a temp folder. */
export async function writeFakeScanner(): Promise<FakeScanner> {
  const dir = await mkdtemp(join(tmpdir(), 'oc-fake-sonar-scanner-'));
  const path = join(dir, 'sonar-scanner');
  await writeFile(path, `#!${process.execPath}\n${SCANNER_SCRIPT}`);
  await chmod(path, 0o755);
  await writeFile(join(dir, 'package.json'), '{"type": "commonjs"}');
  await writeFile(join(dir, 'behaviour.json'), '{"mode": "ok"}');
  await writeFile(join(dir, 'invocations.jsonl'), '');
  return {
    dir,
    path,
    setMode: (mode) => writeFile(join(dir, 'behaviour.json'), JSON.stringify({ mode })),
    invocations: async () =>
      (await readFile(join(dir, 'invocations.jsonl'), 'utf8'))
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { args: string[]; cwd: string; envKeys: string[]; token: string | null }),
  };
}
