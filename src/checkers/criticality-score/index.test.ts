import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakePlatform, type FakePlatform } from '../../../test/fakes/platforms.js';
import { runOnFake } from '../../../test/fakes/run-platform-command.js';
import { MemoryCache } from '../../lib/shared-cache.js';
import { checker } from './index.js';

let github: FakePlatform;
const ago = (days: number): string => new Date(Date.now() - days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

before(async () => {
  github = await startFakePlatform('github');
  const data = github.data;
  data.repo = { ...data.repo, created_at: ago(3650) };
  const template = data.commits[0] ?? {};
  const commit = (days: number, index: number): Record<string, unknown> => ({
    ...template,
    sha: index.toString(16).padStart(40, '0'),
    commit: { ...(template.commit as object), author: { name: 'a', email: 'a@example.test', date: ago(days) }, committer: { name: 'a', email: 'a@example.test', date: ago(days) } },
  });
  // 26 weekly commits in the last year and one older: 26 / 52 = 0.5 commits a week.
  data.commits = [...Array.from({ length: 26 }, (_, k) => commit(1 + 7 * k, k)), commit(400, 99)] as typeof data.commits;
  data.contributors = [
    { login: 'alice', id: 1, type: 'User', contributions: 50 },
    { login: 'bob', id: 2, type: 'User', contributions: 20 },
    { login: 'carol', id: 3, type: 'User', contributions: 5 },
    { email: 'anon@example.test', name: 'Anon', type: 'Anonymous', contributions: 2 },
  ];
  data.users = {
    alice: { login: 'alice', company: '@Acme Inc.' },
    bob: { login: 'bob', company: 'acme inc.' },
    carol: { login: 'carol', company: 'Globex' },
  };
  const release = data.releases[0] ?? {};
  data.releases = [10, 100, 400].map((days, index) => ({ ...release, id: index + 1, tag_name: `v${3 - index}`, created_at: ago(days) }));
  data.issues = [
    { number: 1, state: 'open', updated_at: ago(1) },
    { number: 2, state: 'open', updated_at: ago(10) },
    { number: 3, state: 'closed', updated_at: ago(50) },
    { number: 4, state: 'closed', updated_at: ago(200) },
  ];
  data.comments = [1, 2, 3, 20, 40, 80, 120, 300].map((days, id) => ({ id, updated_at: ago(days) }));
  data.searchCommitsTotal = 1234;
});
after(() => github.close());

async function score(env: Record<string, string> = {}, projectUrl?: string): Promise<Record<string, unknown>> {
  return (await runOnFake(github, ['criticality-score'], { env, task: projectUrl ? { projectUrl } : {} }))['criticality-score'] as Record<string, unknown>;
}

void test('needs no checkout', () => {
  assert.deepEqual(checker.requirements, { checkout: 'none', network: true });
});

void test('the score and its ten signals, from the GitHub API', async () => {
  github.requests.length = 0;
  const result = await score({ OPENCHECKER_GITHUB_ACCESS_KEY: 'gh' });
  assert.deepEqual(result, {
    criticality_score: 0.43114,
    signals: {
      created_since: 122,
      updated_since: 0,
      contributor_count: 4,
      org_count: 2,
      commit_frequency: 0.5,
      recent_releases_count: 2,
      updated_issues_count: 3,
      closed_issues_count: 1,
      comment_frequency: 2,
      dependents_count: 1234,
    },
  });
  assert.equal(github.requests.find((request) => request.path === '/search/commits')?.query.get('q'), '"acme/demo"');
  assert.ok(github.requests.every((request) => request.headers.authorization === 'Bearer gh'));
  // With a token the contributors' companies come from one GraphQL query, not one call per user.
  assert.equal(github.requests.filter((request) => request.path === '/graphql').length, 1);
  assert.equal(github.requests.filter((request) => request.path.startsWith('/users/')).length, 0);
  assert.ok(github.requests.length <= 14, `${github.requests.length} requests`);
});

void test('without a token the same score, asking each contributor over REST', async () => {
  github.requests.length = 0;
  assert.equal((await score()).criticality_score, 0.43114);
  assert.deepEqual(github.requests.filter((request) => request.path.startsWith('/users/')).map((request) => request.path).sort(), ['/users/alice', '/users/bob', '/users/carol']);
  assert.equal(github.requests.filter((request) => request.path === '/graphql').length, 0);
});

void test('a second task asks conditionally and gets 304s (free on the rate limit)', async () => {
  const cache = new MemoryCache();
  await runOnFake(github, ['criticality-score'], { cache });
  github.requests.length = 0;
  const again = await runOnFake(github, ['criticality-score'], { cache });
  assert.equal((again['criticality-score'] as { criticality_score: number }).criticality_score, 0.43114);
  // Time cut-offs start at the full hour: unless the hour turned meanwhile, every request is a 304.
  const untimed = github.requests.filter((request) => !request.query.has('since') && !request.query.has('until'));
  assert.ok(untimed.length >= 8);
  assert.deepEqual(new Set(untimed.map((request) => request.status)), new Set([304]));
  assert.ok(github.requests.every((request) => request.headers['if-none-match'] !== undefined || request.query.has('since') || request.query.has('until')));
});

void test('an empty repository scores from what exists (GitHub answers 409 for its commits)', async () => {
  const empty = await startFakePlatform('github');
  after(() => empty.close());
  empty.data.commits = [];
  empty.data.contributors = [];
  empty.data.releases = [];
  empty.data.tags = [];
  empty.data.issues = [];
  empty.data.comments = [];
  const result = (await runOnFake(empty, ['criticality-score']))['criticality-score'] as { signals: Record<string, number> };
  assert.ok(empty.requests.some((request) => request.status === 409));
  assert.equal(result.signals.updated_since, 120);
  assert.equal(result.signals.commit_frequency, 0);
  assert.equal(result.signals.contributor_count, 0);
  assert.equal(result.signals.recent_releases_count, 0);
});

void test('GitHub only, as upstream; API failures are command errors', async () => {
  assert.deepEqual(await score({}, 'https://gitee.com/acme/demo'), { error: 'URL is not supported by criticality score: it needs a github.com repository' });
  github.mode = 'not-found';
  assert.deepEqual(await score(), { error: 'GitHub API: not found (404) on GET /repos/acme/demo' });
  github.mode = 'unauthorized';
  assert.match(String((await score()).error), /^GitHub API refused the token \(401: Bad credentials\)/);
  github.mode = 'rate-limited';
  assert.match(String((await score()).error), /^GitHub API rate limit exceeded; it resets at/);
  github.mode = 'malformed';
  assert.match(String((await score()).error), /not JSON/);
  github.mode = 'timeout';
  assert.deepEqual(await score({ OPENCHECKER_OPENCHECK_COMMAND_TIMEOUT_S: '1' }), { error: 'criticality-score timed out after 1 s' });
  github.mode = 'ok';
});
