import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { makeRepo, makeTask, testConfig, type FixtureRepo } from '../../../test/support/fixtures.js';
import { errorOf, sample } from '../../../test/fakes/service-fake.js';
import { SONAR_TOKEN, SONAR_USER, startFakeSonarQube, writeFakeScanner, type FakeScanner, type FakeSonarQube } from '../../../test/fakes/sonarqube.js';
import { silentLogger } from '../../lib/log.js';
import { packageRoot } from '../../lib/paths.js';
import { MemoryCache } from '../../lib/shared-cache.js';
import { runCommands } from '../runner.js';
import type { Json } from '../types.js';
import { cacheEnv } from '../../../test/support/fixtures.js';

let server: FakeSonarQube;
let scanner: FakeScanner;
let repo: FixtureRepo;

before(async () => {
  server = await startFakeSonarQube();
  scanner = await writeFakeScanner();
  // The fake scanner is found on PATH, as the real one would be.
  process.env.PATH = `${scanner.dir}${delimiter}${process.env.PATH ?? ''}`;
  // A secret of the agent that must not reach the scanner.
  process.env.OPENCHECKER_JWT_SECRET_KEY = 'agent-secret-that-must-stay-here';
  repo = await makeRepo({ 'src/index.js': 'export const x = 1;\n', 'README.md': '# demo\n' });
});

after(async () => {
  await server.close();
  await repo.cleanup();
});

function env(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    OPENCHECKER_SONARQUBE_HOST: server.url,
    OPENCHECKER_SONARQUBE_USERNAME: SONAR_USER.username,
    OPENCHECKER_SONARQUBE_PASSWORD: SONAR_USER.password,
    OPENCHECKER_SONARQUBE_TOKEN: SONAR_TOKEN,
    OPENCHECKER_SONARQUBE_REPORT_CHECK_INTERVAL_S: '1',
    OPENCHECKER_SONARQUBE_REPORT_MAX_WAIT_TIME_S: '10',
    OPENCHECKER_SONARQUBE_SCAN_TIMEOUT_S: '20',
    OPENCHECKER_SONARQUBE_REQUEST_TIMEOUT_S: '1',
    ...overrides,
  };
}

async function sonar(projectUrl: string, overrides: Record<string, string> = {}): Promise<Json> {
  const results = await runCommands({
    commands: ['sonar-scanner'],
    task: makeTask({ projectUrl, repoName: repo.view.name }),
    repo: repo.view,
    config: testConfig(env(overrides)),
    configDir: tmpdir(),
    log: silentLogger(),
    cache: new MemoryCache(),
  });
  return results['sonar-scanner'] ?? null;
}

async function reset(): Promise<void> {
  server.mode = 'ok';
  server.outcome = 'SUCCESS';
  server.noMeasures = false;
  server.pendingPolls = 0;
  server.requests.length = 0;
  await scanner.setMode('ok');
}


describe('sonar-scanner against a fake SonarQube and a fake scanner', () => {
  test('creates the missing project, scans, waits for processing and returns the measures in upstream\'s shape', async () => {
    await reset();
    server.pendingPolls = 1;
    const result = await sonar('https://github.com/Acme/Demo.git');
    const expected = sample('sonarqube', 'measures.component.200.json') as { component: Record<string, unknown> };
    assert.deepEqual(result, expected);
    assert.ok(server.projects.has('github_acme_demo'));
    const calls = server.requests.map((r) => `${r.method} ${r.path}`);
    assert.deepEqual(calls.slice(0, 3), ['GET /api/projects/search', 'POST /api/projects/create', 'POST /api/ce/submit']);
    assert.deepEqual(calls.filter((c) => c === 'GET /api/ce/task').length, 2, 'IN_PROGRESS, then SUCCESS');
    assert.equal(calls.at(-1), 'GET /api/measures/component');
    assert.equal(
      server.requests.at(-1)?.query.get('metricKeys'),
      'coverage,complexity,duplicated_lines_density,lines,reliability_rating,sqale_rating,security_rating,security_review_rating',
    );

    const [invocation] = (await scanner.invocations()).slice(-1);
    assert.equal(invocation?.cwd, repo.view.root);
    assert.ok(invocation?.args.includes('-Dsonar.projectKey=github_acme_demo'));
    assert.ok(invocation?.args.includes(`-Dsonar.host.url=${server.url}`));
    assert.ok(invocation?.args.includes('-Dsonar.sources=.'));
    assert.equal(invocation?.token, SONAR_TOKEN, 'the token comes through SONAR_TOKEN');
    assert.ok(!invocation?.args.some((arg) => arg.includes(SONAR_TOKEN)), 'and never on the command line');
    assert.ok(!invocation?.envKeys.some((key) => key.startsWith('OPENCHECKER_')), 'the agent\'s settings stay out of the scanner');
  });

  test('an existing project is not created again', async () => {
    await reset();
    server.projects.add('gitee_acme_existing');
    await sonar('https://gitee.com/acme/existing');
    assert.ok(!server.requests.some((r) => r.path === '/api/projects/create'));
  });

  test('a failing scanner is an error with its ERROR lines (upstream masked the exit code)', async () => {
    await reset();
    await scanner.setMode('fail');
    assert.equal(
      errorOf(await sonar('https://github.com/acme/demo')),
      'the scan failed: the SonarScanner CLI exited with code 2:\nERROR: Error during SonarScanner execution\nERROR: Not authorized. Analyzing this project requires authentication.',
    );
  });

  test('a scan that outlives scan_timeout_s is stopped and reported', async () => {
    await reset();
    await scanner.setMode('hang');
    assert.equal(
      errorOf(await sonar('https://github.com/acme/demo', { OPENCHECKER_SONARQUBE_SCAN_TIMEOUT_S: '1' })),
      'the scan timed out after 1 s (the SonarScanner CLI); raise [SonarQube] scan_timeout_s for large repositories',
    );
  });

  test('a report SonarQube fails to process is an error with its reason', async () => {
    await reset();
    server.outcome = 'FAILED';
    assert.match(
      errorOf(await sonar('https://github.com/acme/demo')),
      /^SonarQube could not process the analysis \(task AZ\d+ FAILED\): Unsupported language: no sensor was able to analyse the files$/,
    );
  });

  test('processing that outlasts report_max_wait_time_s is an error naming the setting', async () => {
    await reset();
    server.outcome = 'STUCK';
    assert.match(
      errorOf(await sonar('https://github.com/acme/demo', { OPENCHECKER_SONARQUBE_REPORT_MAX_WAIT_TIME_S: '2' })),
      /^SonarQube had not processed the analysis after 2 s \(task AZ\d+ is IN_PROGRESS\); raise \[SonarQube\] report_max_wait_time_s$/,
    );
  });

  test('without report-task.txt the project\'s compute-engine queue is polled instead', async () => {
    await reset();
    await scanner.setMode('no-report');
    const result = (await sonar('https://github.com/acme/demo')) as { component: { measures: Json[] } };
    assert.equal(result.component.measures.length, 8);
    assert.ok(server.requests.some((r) => r.path === '/api/ce/component'));
  });

  test('an analysis without measures carries upstream\'s no_metrics note', async () => {
    await reset();
    server.noMeasures = true;
    const result = (await sonar('https://github.com/acme/demo')) as Record<string, Json>;
    assert.equal(result.status, 'no_metrics');
    assert.equal(result.project_key, 'github_acme_demo');
    assert.equal(result.dashboard_url, `${server.url}/dashboard?id=github_acme_demo`);
    assert.deepEqual((result.component as { measures: Json[] }).measures, []);
  });

  test('Web API failures are errors: bad credentials, 404, throttling, a hang, a broken body', async () => {
    await reset();
    assert.equal(
      errorOf(await sonar('https://github.com/acme/demo', { OPENCHECKER_SONARQUBE_PASSWORD: 'wrong' })),
      'SonarQube rejected the credentials (HTTP 401 on /api/projects/search)',
    );
    server.mode = 'not-found';
    assert.equal(errorOf(await sonar('https://github.com/acme/demo')), 'SonarQube has no /api/projects/search (HTTP 404): Unknown url');
    server.mode = 'rate-limited';
    assert.match(errorOf(await sonar('https://github.com/acme/demo')), /^SonarQube is rate-limiting requests \(HTTP 429 on \/api\/projects\/search\)/);
    server.mode = 'malformed';
    assert.match(errorOf(await sonar('https://github.com/acme/demo')), /^SonarQube answered \/api\/projects\/search with a body that is not JSON/);
    server.mode = 'timeout';
    assert.match(errorOf(await sonar('https://github.com/acme/demo')), /^SonarQube \(127\.0\.0\.1:\d+\) did not answer within 1 s$/);
  });

  test('a missing scanner or token says what to configure', async () => {
    await reset();
    assert.equal(
      errorOf(await sonar('https://github.com/acme/demo', { OPENCHECKER_SONARQUBE_SCANNER_PATH: '/nonexistent/sonar-scanner' })),
      'sonar-scanner needs the SonarScanner CLI: "/nonexistent/sonar-scanner" was not found; install it or set [SonarQube] scanner_path',
    );
    assert.equal(
      errorOf(await sonar('https://github.com/acme/demo', { OPENCHECKER_SONARQUBE_TOKEN: '' })),
      'sonar-scanner needs the configuration key [SonarQube] token (or OPENCHECKER_SONARQUBE_TOKEN)',
    );
    assert.equal(server.requests.length, 0);
  });

  test('a configured scanner path is used as is', async () => {
    await reset();
    const before = (await scanner.invocations()).length;
    const result = (await sonar('https://github.com/acme/demo', { OPENCHECKER_SONARQUBE_SCANNER_PATH: scanner.path })) as { component: Json };
    assert.ok(result.component);
    assert.equal((await scanner.invocations()).length, before + 1);
  });

  test('openchecker check scans a local folder in place', async (t) => {
    if (!existsSync(join(packageRoot(), 'dist', 'src', 'checkers', 'sonar-scanner', 'index.js'))) {
      t.skip('dist/ is not built (npm run build)');
      return;
    }
    await reset();
    // Asynchronously: the fake server answers from this very process.
    const { stdout } = await promisify(execFile)(process.execPath, [join(packageRoot(), 'bin', 'openchecker.js'), 'check', repo.dir, '-c', 'sonar-scanner', '-q'], {
      env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), ...cacheEnv(), ...env() },
      encoding: 'utf8',
      timeout: 60_000,
    });
    const payload = JSON.parse(stdout) as { scan_results: Record<string, { component?: { key: string; measures: Json[] } }> };
    assert.equal(payload.scan_results['sonar-scanner']?.component?.key, 'other_default_demo');
    assert.equal(payload.scan_results['sonar-scanner']?.component?.measures.length, 8);
    const [invocation] = (await scanner.invocations()).slice(-1);
    assert.equal(invocation?.cwd, repo.dir);
  });
});
