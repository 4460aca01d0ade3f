/**
 * End-to-end: the real `openchecker up` process, real git repositories built in temp folders, a real HTTP
 * receiver for callbacks. Covers the flows of the core issue: submit → clone → check → store → callback.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/lib/paths.js';
import { makeRepo, type FixtureRepo } from './support/fixtures.js';
import { TEST_USER, startGatedGitServer, startReceiver, startUp, waitFor, type UpProcess } from './support/servers.js';

interface TaskView {
  task_id: string;
  status: string;
  project_url: string;
  command_list: string[];
  task_metadata: Record<string, unknown>;
  error: string | null;
  attempts: number;
  agent: string | null;
  callback: { status: string; attempts: number; last_error: string | null };
  scan_results: Record<string, unknown> | null;
}

async function login(base: string): Promise<Record<string, string>> {
  const response = await fetch(`${base}/auth`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(TEST_USER),
  });
  assert.equal(response.status, 200);
  const { access_token: token } = (await response.json()) as { access_token: string };
  return { authorization: `JWT ${token}`, 'content-type': 'application/json' };
}

async function submit(base: string, headers: Record<string, string>, body: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${base}/opencheck`, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await response.text();
  assert.equal(response.status, 200, text);
  assert.ok(!/error/i.test(text), `success body must not contain "error": ${text}`);
  return (JSON.parse(text) as { task_id: string }).task_id;
}

async function getTask(base: string, headers: Record<string, string>, id: string): Promise<TaskView> {
  const response = await fetch(`${base}/opencheck/${id}`, { headers });
  assert.equal(response.status, 200);
  return (await response.json()) as TaskView;
}

const finished = (task: TaskView): boolean => ['succeeded', 'failed', 'dead_lettered'].includes(task.status);
const callbackSettled = (task: TaskView): boolean => finished(task) && ['delivered', 'failed', 'none'].includes(task.callback.status);

describe('openchecker up, end to end', () => {
  let work: string;
  let repo: FixtureRepo;
  let up: UpProcess;
  let headers: Record<string, string>;

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'oc-e2e-'));
    repo = await makeRepo(
      {
        'README.md': '# Demo\n',
        'docs/README.md': 'docs\n',
        '.github/CODEOWNERS': '* @acme/maintainers\n',
        '.github/dependabot.yml': 'version: 2\nupdates: []\n',
        'src/index.js': 'console.log(1);\n',
      },
      { git: true, name: 'demo' },
    );
    repo.git('tag', 'v1.0');
    repo.git('rm', '--quiet', 'docs/README.md');
    repo.git('commit', '--quiet', '-m', 'drop docs readme');
    up = await startUp({
      dataDir: join(work, 'data'),
      cwd: work,
      env: { OPENCHECKER_CALLBACK_BACKOFF_INITIAL_S: '1', OPENCHECKER_CALLBACK_MAX_ATTEMPTS: '3' },
    });
    headers = await login(up.url);
  });

  after(async () => {
    await up?.stop();
    await repo?.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  test('a task runs, its results are stored, and the callback carries the contract keys', async () => {
    const receiver = await startReceiver();
    try {
      const metadata = { version_number: 'None', nested: { keep: ['exactly', 1, true, null] } };
      const commands = ['readme-checker', 'maintainers-checker', 'dependency-update-tool-checker', 'url-checker'];
      // A bare clone named demo.git: the callback must echo the URL with one trailing .git removed.
      const bare = join(work, 'demo.git');
      execFileSync('git', ['clone', '--quiet', '--bare', repo.dir, bare]);
      const projectUrl = bare;
      const id = await submit(up.url, headers, { commands, project_url: projectUrl, callback_url: receiver.url, task_metadata: metadata });

      const task = await waitFor(() => getTask(up.url, headers, id), callbackSettled, 60_000, 'the task and its callback');
      assert.equal(task.status, 'succeeded', JSON.stringify(task));
      assert.equal(task.callback.status, 'delivered');
      assert.equal(task.attempts, 1);
      assert.ok(task.agent);
      assert.equal(receiver.received.length, 1);

      const payload = JSON.parse(receiver.received[0]?.body ?? '{}') as Record<string, unknown>;
      for (const key of ['command_list', 'project_url', 'task_metadata', 'scan_results']) assert.ok(key in payload, key);
      assert.deepEqual(payload.command_list, commands);
      assert.equal(payload.project_url, join(work, 'demo'), 'one trailing .git removed');
      assert.deepEqual(payload.task_metadata, metadata, 'task_metadata echoed exactly');
      assert.equal(payload.task_id, id);
      assert.deepEqual(payload.scan_results, task.scan_results, 'the callback and the API agree');

      const results = task.scan_results ?? {};
      assert.deepEqual(results['readme-checker'], { readme_file: ['demo/README.md'] });
      assert.deepEqual(results['maintainers-checker'], { maintainers_file: ['demo/.github/CODEOWNERS'] });
      assert.deepEqual((results['dependency-update-tool-checker'] as { name: string }[]).map((t) => t.name), ['Dependabot']);
      // url-checker cannot check a local path: only that command errors, the others succeed.
      assert.match(String((results['url-checker'] as { error?: string }).error), /http/);
    } finally {
      await receiver.close();
    }
  });

  test('task_metadata.version_number checks out that tag', async () => {
    const id = await submit(up.url, headers, {
      commands: ['readme-checker'],
      project_url: repo.dir,
      task_metadata: { version_number: 'v1.0' },
    });
    const task = await waitFor(() => getTask(up.url, headers, id), finished, 60_000, 'the task');
    assert.equal(task.status, 'succeeded');
    assert.deepEqual(task.scan_results?.['readme-checker'], { readme_file: ['demo/README.md', 'demo/docs/README.md'] });
    assert.equal(task.callback.status, 'none');
  });

  test('a callback receiver that fails twice then succeeds gets the results on the third attempt', async () => {
    const receiver = await startReceiver([503, 500]);
    try {
      const id = await submit(up.url, headers, { commands: ['readme-checker'], project_url: repo.dir, callback_url: receiver.url, task_metadata: {} });
      const task = await waitFor(() => getTask(up.url, headers, id), callbackSettled, 60_000, 'the callback');
      assert.equal(task.callback.status, 'delivered');
      assert.equal(task.callback.attempts, 3);
      assert.equal(receiver.received.length, 3);
    } finally {
      await receiver.close();
    }
  });

  test('a receiver that is down: results stay retrievable and the delivery is marked failed', async () => {
    const receiver = await startReceiver();
    const deadUrl = receiver.url;
    await receiver.close();
    const id = await submit(up.url, headers, { commands: ['readme-checker'], project_url: repo.dir, callback_url: deadUrl, task_metadata: {} });
    const task = await waitFor(() => getTask(up.url, headers, id), callbackSettled, 60_000, 'the callback to give up');
    assert.equal(task.status, 'succeeded');
    assert.equal(task.callback.status, 'failed');
    assert.equal(task.callback.attempts, 3);
    assert.match(task.callback.last_error ?? '', /ECONNREFUSED|connect/i);
    assert.deepEqual(task.scan_results?.['readme-checker'], { readme_file: ['demo/README.md'] });
  });

  test('a missing repository fails the task with a clear error in every command', async () => {
    const missing = join(work, 'no-such-repo');
    const id = await submit(up.url, headers, { commands: ['readme-checker', 'maintainers-checker'], project_url: missing, task_metadata: {} });
    const task = await waitFor(() => getTask(up.url, headers, id), finished, 60_000, 'the task');
    assert.equal(task.status, 'failed');
    assert.match(task.error ?? '', /clone failed/);
    for (const command of ['readme-checker', 'maintainers-checker']) {
      assert.match(String((task.scan_results?.[command] as { error?: string }).error), /clone failed/);
    }
  });

  test('changed-files-since-commit-detector diffs the full history against commit_hash', async () => {
    const first = repo.git('rev-list', '--max-parents=0', 'HEAD').trim();
    const id = await submit(up.url, headers, { commands: ['changed-files-since-commit-detector', 'readme-checker'], project_url: repo.dir, commit_hash: first, task_metadata: {} });
    const task = await waitFor(() => getTask(up.url, headers, id), finished, 60_000, 'the task');
    assert.equal(task.status, 'succeeded', JSON.stringify(task));
    assert.deepEqual(task.scan_results?.['changed-files-since-commit-detector'], {
      changed_files: ['docs/README.md'],
      new_files: [],
      rename_files: [],
      deleted_files: ['docs/README.md'],
      modified_files: [],
    });
  });

  test('openchecker submit --wait is a client for the running server', async () => {
    const result = spawnSync(
      process.execPath,
      [join(packageRoot(), 'bin', 'openchecker.js'), 'submit', repo.dir, '-c', 'readme-checker', 'eol-checker', '--server', up.url, '--wait', '--timeout', '60'],
      { env: { PATH: process.env.PATH ?? '', OPENCHECKER_USER: TEST_USER.username, OPENCHECKER_PASSWORD: TEST_USER.password }, encoding: 'utf8', timeout: 90_000 },
    );
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /task [0-9a-f-]{36} queued/);
    const task = JSON.parse(result.stdout) as TaskView;
    assert.equal(task.status, 'succeeded');
    assert.deepEqual(task.scan_results?.['readme-checker'], { readme_file: ['demo/README.md'] });
    assert.deepEqual(task.scan_results?.['eol-checker'], { eol_status: '', eol_release: '', eol_time: '' });
  });

  test('a version that does not exist fails with a message naming it', async () => {
    const id = await submit(up.url, headers, { commands: ['readme-checker'], project_url: repo.dir, task_metadata: { version_number: 'v9.9' } });
    const task = await waitFor(() => getTask(up.url, headers, id), finished, 60_000, 'the task');
    assert.equal(task.status, 'failed');
    assert.match(task.error ?? '', /v9\.9/);
  });
});

describe('SIGTERM during a running task', () => {
  test('the task is handed back and completes after a restart', async () => {
    const work = await mkdtemp(join(tmpdir(), 'oc-e2e-term-'));
    const repo = await makeRepo({ 'README.md': '# Slow\n' }, { git: true, name: 'slow' });
    const bare = join(work, 'repo.git');
    execFileSync('git', ['clone', '--quiet', '--bare', repo.dir, bare]);
    execFileSync('git', ['-C', bare, 'update-server-info']);
    const gitServer = await startGatedGitServer(bare);
    const env = { OPENCHECKER_OPENCHECK_SHUTDOWN_GRACE_S: '0' };
    let up = await startUp({ dataDir: join(work, 'data'), cwd: work, env, agents: 1 });
    try {
      let headers = await login(up.url);
      const id = await submit(up.url, headers, { commands: ['readme-checker'], project_url: gitServer.url, task_metadata: {} });
      await waitFor(() => getTask(up.url, headers, id), (task) => task.status === 'running', 30_000, 'the task to start');
      await waitFor(async () => gitServer.requests.length, (n) => n > 0, 30_000, 'the clone to reach the git server');

      assert.equal(await up.stop('SIGTERM'), 0, up.output());

      gitServer.open();
      up = await startUp({ dataDir: join(work, 'data'), cwd: work, env, agents: 1 });
      headers = await login(up.url);
      const task = await waitFor(() => getTask(up.url, headers, id), finished, 60_000, 'the task to finish after restart');
      assert.equal(task.status, 'succeeded', JSON.stringify(task));
      assert.deepEqual(task.scan_results?.['readme-checker'], { readme_file: ['repo/README.md'] }, 'paths are prefixed with the name in the URL');
      assert.equal(task.attempts, 1, 'the interrupted run was handed back and does not count; one complete run');
    } finally {
      await up.stop();
      await gitServer.close();
      await repo.cleanup();
      await rm(work, { recursive: true, force: true });
    }
  });
});
