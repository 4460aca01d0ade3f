import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakePlatform, type FakePlatform } from '../../../test/fakes/platforms.js';
import { runOnFake } from '../../../test/fakes/run-platform-command.js';
import { checker } from './index.js';

let github: FakePlatform;
before(async () => {
  github = await startFakePlatform('github');
  github.data.repo = { ...github.data.repo, default_branch: 'master' };
});
after(() => github.close());

async function build(fake: FakePlatform, env: Record<string, string> = {}): Promise<Record<string, unknown>> {
  return (await runOnFake(fake, ['build-checker'], { env }))['build-checker'] as Record<string, unknown>;
}

void test('GitHub Actions runs of the default branch: the success rate overall and per workflow', async () => {
  github.requests.length = 0;
  const result = await build(github, { OPENCHECKER_GITHUB_ACCESS_KEY: 'gh-token' });
  assert.equal(result.build_success_rate, 0.6667);
  assert.equal(result.success_rate, result.build_success_rate);
  assert.equal(result.runs_considered, 3);
  assert.deepEqual(result.by_workflow, [
    { name: 'CI', path: '.github/workflows/ci.yml', runs: 2, success: 1, failure: 1, success_rate: 0.5 },
    { name: 'Release', path: '.github/workflows/release.yml', runs: 1, success: 1, failure: 0, success_rate: 1 },
  ]);
  assert.deepEqual(result.excluded_by_conclusion, { cancelled: 1 });
  assert.equal((result.window as { branch: string }).branch, 'master');
  assert.equal(result.note, undefined);
  const runsCall = github.requests.find((request) => request.path === '/repos/acme/demo/actions/runs');
  assert.equal(runsCall?.query.get('branch'), 'master');
  assert.equal(runsCall?.query.get('status'), 'completed');
  assert.match(runsCall?.query.get('created') ?? '', /^>=\d{4}-\d{2}-\d{2}$/);
  assert.equal(runsCall?.headers.authorization, 'Bearer gh-token');
});

void test('the window: at most N runs, only the last D days', async () => {
  const recent = await build(github, { OPENCHECKER_SUPPLYCHAIN_BUILD_MAX_RUNS: '1' });
  assert.deepEqual([recent.build_success_rate, recent.runs_considered, recent.runs_listed], [1, 1, 1]);
  assert.match(String(recent.note), /without a token/);
  const fake = await startFakePlatform('github');
  after(() => fake.close());
  fake.data.repo = { ...fake.data.repo, default_branch: 'master' };
  fake.data.runs = fake.data.runs.map((run, index) => ({ ...run, created_at: index < 2 ? new Date(Date.now() - 86_400_000).toISOString() : '2020-01-01T00:00:00Z' }));
  const windowed = await build(fake, { OPENCHECKER_SUPPLYCHAIN_BUILD_WINDOW_DAYS: '7' });
  assert.deepEqual([windowed.build_success_rate, windowed.runs_considered], [0.5, 2]);
});

void test('no runs: null with the reason', async () => {
  github.mode = 'empty';
  try {
    const result = await build(github);
    assert.equal(result.build_success_rate, null);
    assert.match(String(result.reason), /^no completed build of /);
  } finally {
    github.mode = 'ok';
  }
});

void test('Gitee and GitCode: an error saying their API has no pipeline runs', async () => {
  for (const platform of ['gitee', 'gitcode'] as const) {
    const fake = await startFakePlatform(platform);
    after(() => fake.close());
    assert.deepEqual(await build(fake), { error: `${platform === 'gitee' ? 'Gitee' : 'GitCode'}'s API offers no CI pipeline runs to read; build-checker reads GitHub Actions runs (GitHub projects only)` });
  }
});

void test('a refused token and a private repository are errors that say so', async () => {
  github.mode = 'unauthorized';
  try {
    assert.match(String((await build(github, { OPENCHECKER_GITHUB_ACCESS_KEY: 'bad' })).error), /GitHub API refused the token \(401/);
  } finally {
    github.mode = 'ok';
  }
  github.mode = 'not-found';
  try {
    assert.match(String((await build(github)).error), /not found \(404\)/);
  } finally {
    github.mode = 'ok';
  }
});

void test('declares no checkout and network', () => {
  assert.deepEqual(checker.requirements, { checkout: 'none', network: true });
});
