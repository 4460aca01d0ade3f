import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTask, testConfig } from '../../../test/support/fixtures.js';
import { startFakeNpm, NPM_PACKAGE } from '../../../test/fakes/npm.js';
import { errorOf, startFakeService, type FakeService } from '../../../test/fakes/service-fake.js';
import { silentLogger } from '../../lib/log.js';
import { packageRoot } from '../../lib/paths.js';
import { MemoryCache } from '../../lib/shared-cache.js';
import { runCommands } from '../runner.js';
import type { Json } from '../types.js';
import { cacheEnv } from '../../../test/support/fixtures.js';

const PROJECT = `https://github.com/jupyterhub/${NPM_PACKAGE}`;

let npm: FakeService;
let downloads: FakeService;
let github: FakeService;
let gitcode: FakeService;

before(async () => {
  npm = await startFakeNpm();
  downloads = await startFakeNpm();
  // The platform fallback and GitHub's description: minimal repository objects shaped like the REST answers.
  github = await startFakeService((request, reply) => {
    if (request.path === `/repos/jupyterhub/${NPM_PACKAGE}`) {
      return reply.json(200, { full_name: `jupyterhub/${NPM_PACKAGE}`, description: 'Proxy (GitHub description)', homepage: '', html_url: PROJECT });
    }
    if (request.path === '/repos/acme/demo') return reply.json(200, { full_name: 'acme/demo', description: 'Demo on GitHub', homepage: 'https://demo.example.test' });
    reply.json(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
  });
  gitcode = await startFakeService((request, reply) => {
    if (request.path === '/api/v5/repos/acme/widget') return reply.json(200, { full_name: 'acme/widget', description: 'Widget on GitCode', homepage: null });
    if (request.path === '/api/v5/repos/acme/widget/download_statistics') {
      return reply.json(200, {
        download_statistics_detail: [
          { pdate: '2024-11-16', repo_id: '625513', today_dl_cnt: 5, total_dl_cnt: 43 },
          { pdate: '2024-11-21', repo_id: '625513', today_dl_cnt: 2, total_dl_cnt: 45 },
        ],
        download_statistics_total: 7,
      });
    }
    reply.json(404, { message: '404 Project Not Found' });
  });
});

after(async () => {
  await Promise.all([npm.close(), downloads.close(), github.close(), gitcode.close()]);
});

function env(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    OPENCHECKER_NPM_REGISTRY_URL: npm.url,
    OPENCHECKER_NPM_DOWNLOADS_API_URL: downloads.url,
    OPENCHECKER_NPM_TIMEOUT_S: '1',
    OPENCHECKER_GITHUB_API_URL: github.url,
    OPENCHECKER_GITCODE_API_URL: `${gitcode.url}/api/v5`,
    ...overrides,
  };
}

async function packageInfo(projectUrl = PROJECT, overrides: Record<string, string> = {}): Promise<Json> {
  const results = await runCommands({
    commands: ['package-info'],
    task: makeTask({ projectUrl }),
    repo: null,
    config: testConfig(env(overrides)),
    configDir: tmpdir(),
    log: silentLogger(),
    cache: new MemoryCache(),
  });
  return results['package-info'] ?? null;
}

function reset(): void {
  for (const fake of [npm, downloads, github, gitcode]) {
    fake.mode = 'ok';
    fake.requests.length = 0;
  }
}

describe('package-info against fake npm services', () => {
  test('counts the dependencies of the version dist-tags.latest names, not the last-published pre-release', async () => {
    reset();
    const result = await packageInfo();
    assert.deepEqual(result, {
      description: 'Proxy (GitHub description)',
      home_url: 'https://github.com/jupyterhub/configurable-http-proxy#readme',
      dependent_count: 5,
      down_count: 130233,
      day_enter: '2026-10-26 - 2026-11-24',
      npm_package: NPM_PACKAGE,
      npm_version: '3.1.1',
    });
    assert.deepEqual(
      npm.requests.map((r) => r.url),
      [`/${NPM_PACKAGE}/latest`],
      'one small version document, not the whole packument',
    );
    assert.deepEqual(
      downloads.requests.map((r) => r.url),
      [`/downloads/range/last-month/${NPM_PACKAGE}`],
    );
  });

  test('a package without downloads data counts 0 downloads; an empty month keeps its period', async () => {
    reset();
    downloads.mode = 'empty';
    assert.deepEqual(await packageInfo(), {
      description: 'Proxy (GitHub description)',
      home_url: 'https://github.com/jupyterhub/configurable-http-proxy#readme',
      dependent_count: 5,
      down_count: 0,
      day_enter: '2026-10-26 - 2026-11-24',
      npm_package: NPM_PACKAGE,
      npm_version: '3.1.1',
    });
    downloads.mode = 'not-found';
    const result = (await packageInfo()) as Record<string, Json>;
    assert.equal(result.down_count, 0);
    assert.equal(result.day_enter, '');
  });

  test('when GitHub cannot be asked, description and home page come from npm', async () => {
    reset();
    github.mode = 'rate-limited';
    const result = (await packageInfo()) as Record<string, Json>;
    assert.equal(result.description, 'A configurable-on-the-fly HTTP Proxy');
    assert.equal(result.dependent_count, 5);
  });

  test('not on npm: the platform\'s repository data with dependent_count false (GitHub, GitCode with its download statistics)', async () => {
    reset();
    assert.deepEqual(await packageInfo('https://github.com/acme/unknown-to-npm'), { error: 'there is no npm package "unknown-to-npm", and GitHub has no repository acme/unknown-to-npm' });
    assert.deepEqual(await packageInfo('https://gitcode.com/acme/widget'), {
      description: 'Widget on GitCode',
      home_url: null,
      dependent_count: false,
      down_count: 7,
      day_enter: '2024-11-16 - 2024-11-21',
      npm_package: null,
      npm_version: null,
    });
  });

  test('an npm package of the same name from another repository is not reported as the project\'s', async () => {
    reset();
    assert.deepEqual(await packageInfo('https://github.com/acme/demo'), {
      description: 'Demo on GitHub',
      home_url: 'https://demo.example.test',
      dependent_count: false,
      down_count: 0,
      day_enter: '',
      npm_package: null,
      npm_version: null,
    });
  });

  test('not on npm and not on a known platform is an error saying both', async () => {
    reset();
    assert.deepEqual(await packageInfo('https://git.example.test/acme/nothing'), {
      error: 'there is no npm package "nothing", and https://git.example.test/acme/nothing is not a GitHub, Gitee or GitCode repository',
    });
  });

  test('registry failures are errors that say what happened', async () => {
    reset();
    npm.mode = 'unauthorized';
    assert.deepEqual(await packageInfo(), { error: `npm registry rejected the credentials (HTTP 401 on /${NPM_PACKAGE}/latest): Unauthorized` });
    npm.mode = 'rate-limited';
    assert.deepEqual(await packageInfo(), {
      error: `npm registry is rate-limiting requests (HTTP 429 on /${NPM_PACKAGE}/latest); it asks to retry in 3600 s: Too Many Requests`,
    });
    npm.mode = 'malformed';
    assert.match(errorOf(await packageInfo()), /^npm registry answered \/configurable-http-proxy\/latest with a body that is not JSON \(HTTP 200\)/);
    npm.mode = 'timeout';
    npm.requests.length = 0;
    const started = Date.now();
    assert.deepEqual(await packageInfo(), { error: `npm registry (${new URL(npm.url).host}) did not answer within 1 s` });
    assert.equal(npm.requests.length, 3, 'the request and its two retries');
    assert.ok(Date.now() - started < 8000);
  });

  test('a short rate limit is waited out and the request retried', async () => {
    reset();
    npm.mode = 'rate-limited-once';
    const result = (await packageInfo()) as Record<string, Json>;
    assert.equal(result.dependent_count, 5);
    assert.equal(npm.requests.length, 2);
  });

  test('a failing downloads API is an error, not a crash', async () => {
    reset();
    downloads.mode = 'server-error';
    assert.deepEqual(await packageInfo(), { error: `npm downloads API failed (HTTP 503 on /downloads/range/last-month/${NPM_PACKAGE})` });
  });

  test('openchecker check runs package-info without cloning', async (t) => {
    const bin = join(packageRoot(), 'bin', 'openchecker.js');
    if (!existsSync(join(packageRoot(), 'dist', 'src', 'checkers', 'package-info', 'index.js'))) {
      t.skip('dist/ is not built (npm run build)');
      return;
    }
    reset();
    // Asynchronously: the fake services answer from this very process.
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'check', PROJECT, '-c', 'package-info', '-q'], {
      env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), ...cacheEnv(), ...env() },
      encoding: 'utf8',
      timeout: 60_000,
    });
    const payload = JSON.parse(stdout) as { scan_results: Record<string, Record<string, Json>> };
    assert.equal(payload.scan_results['package-info']?.dependent_count, 5);
    assert.equal(payload.scan_results['package-info']?.down_count, 130233);
    assert.equal(npm.requests.length, 1);
  });
});

