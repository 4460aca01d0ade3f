import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakePlatform, type FakePlatform } from '../../../test/fakes/platforms.js';
import { runOnFake } from '../../../test/fakes/run-platform-command.js';
import { checker } from './index.js';

let github: FakePlatform;
let gitee: FakePlatform;
let gitcode: FakePlatform;

before(async () => {
  [github, gitee, gitcode] = await Promise.all([startFakePlatform('github'), startFakePlatform('gitee'), startFakePlatform('gitcode')]);
});
after(() => Promise.all([github.close(), gitee.close(), gitcode.close()]));

async function hooks(fake: FakePlatform, accessToken: string | null, env: Record<string, string> = {}): Promise<Record<string, unknown>> {
  return (await runOnFake(fake, ['webhooks-checker'], { task: { accessToken }, env }))['webhooks-checker'] as Record<string, unknown>;
}

void test('needs no checkout', () => {
  assert.deepEqual(checker.requirements, { checkout: 'none', network: true });
});

void test("without the task's access_token nothing is asked, as upstream", async () => {
  github.requests.length = 0;
  assert.deepEqual(await hooks(github, null), { access_token: false, error_msg: null, webhooks_hooks: [] });
  assert.equal(github.requests.length, 0);
});

void test('Gitee: hooks with the task token as access_token, passwords masked', async () => {
  gitee.token = 'owner-token';
  gitee.requests.length = 0;
  const result = await hooks(gitee, 'owner-token', { OPENCHECKER_GITEE_ACCESS_KEY: 'agent-token' });
  assert.equal(result.access_token, true);
  assert.equal(result.error_msg, null);
  const list = result.webhooks_hooks as Array<Record<string, unknown>>;
  assert.deepEqual(list.map((hook) => [hook.id, hook.password, hook.url]), [
    [1290357, '******', 'https://ci.example.com/gitee/webhook'],
    [1290358, '', 'https://hooks.example.org/notify'],
  ]);
  assert.equal(gitee.requests[0]?.query.get('access_token'), 'owner-token');
  assert.ok(!JSON.stringify(result).includes('s3cr3t-token'));
});

void test('GitHub and GitCode: every page is read (upstream stopped at 100)', async () => {
  const template = github.data.hooks[1] ?? {};
  github.data.hooks = Array.from({ length: 130 }, (_, index) => ({ ...template, id: index + 1 }));
  github.requests.length = 0;
  const result = await hooks(github, 'admin-token');
  assert.equal((result.webhooks_hooks as unknown[]).length, 130);
  assert.deepEqual(github.requests.map((request) => request.headers.authorization), ['Bearer admin-token', 'Bearer admin-token']);
  // Hook lists carry secrets: never kept in the shared cache, never asked conditionally.
  assert.ok(github.requests.every((request) => request.headers['if-none-match'] === undefined));
  const gitcodeResult = await hooks(gitcode, 'gc');
  assert.deepEqual((gitcodeResult.webhooks_hooks as Array<Record<string, unknown>>).map((hook) => hook.password), ['******', '******']);
});

void test('a refused token, missing admin rights (GitHub hides the resource as 404) or an empty list', async () => {
  gitee.token = 'right';
  assert.deepEqual(await hooks(gitee, 'wrong'), {
    access_token: true,
    error_msg: 'token invalid: Gitee API refused the token (401: 401 Unauthorized: Access token does not exist) on GET /api/v5/repos/acme/demo/hooks',
    webhooks_hooks: [],
  });
  github.mode = 'not-found';
  assert.deepEqual(await hooks(github, 'read-only'), { access_token: true, error_msg: 'token invalid: GitHub API: not found (404) on GET /repos/acme/demo/hooks', webhooks_hooks: [] });
  github.mode = 'empty';
  assert.deepEqual(await hooks(github, 'admin'), { access_token: true, error_msg: null, webhooks_hooks: [] });
  github.mode = 'ok';
});

void test('throttling, hangs and broken bodies are command errors', async () => {
  gitcode.mode = 'rate-limited';
  assert.match(String((await hooks(gitcode, 't')).error), /^GitCode API rate limit exceeded/);
  // A 429 with a short Retry-After is waited out.
  gitcode.mode = 'rate-limited-once';
  gitcode.requests.length = 0;
  assert.equal(((await hooks(gitcode, 't')).webhooks_hooks as unknown[]).length, 2);
  assert.deepEqual(gitcode.requests.map((request) => request.status), [429, 200]);
  gitcode.mode = 'malformed';
  assert.match(String((await hooks(gitcode, 't')).error), /^GitCode API answered GET \/api\/v5\/repos\/acme\/demo\/hooks with a body that is not JSON/);
  gitcode.mode = 'timeout';
  const result = await runOnFake(gitcode, ['webhooks-checker'], { task: { accessToken: 't' }, env: { OPENCHECKER_OPENCHECK_COMMAND_TIMEOUT_S: '1' } });
  assert.deepEqual(result['webhooks-checker'], { error: 'webhooks-checker timed out after 1 s' });
  gitcode.mode = 'ok';
});

void test('other hosts: error_msg, as upstream', async () => {
  const result = await runOnFake(github, ['webhooks-checker'], { task: { accessToken: 't', projectUrl: 'https://gitlab.com/acme/demo' } });
  assert.deepEqual(result['webhooks-checker'], {
    access_token: true,
    error_msg: 'Unsupported platform for URL: https://gitlab.com/acme/demo (supported: github.com, gitee.com, gitcode.com)',
    webhooks_hooks: [],
  });
});
