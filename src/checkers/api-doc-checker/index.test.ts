import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { makeRepo, makeTask, testConfig, type FixtureRepo } from '../../../test/support/fixtures.js';
import { startFakeChat, type FakeChat } from '../../../test/fakes/chat.js';
import { errorOf } from '../../../test/fakes/service-fake.js';
import { silentLogger } from '../../lib/log.js';
import { MemoryCache } from '../../lib/shared-cache.js';
import { runCommands } from '../runner.js';
import type { Json } from '../types.js';

const KEY = 'sk-test-0123456789abcdef';
const MODEL = 'gpt-4o-mini';
let chat: FakeChat;
let documented: FixtureRepo;
let undocumented: FixtureRepo;

before(async () => {
  // The fake model says YES to chunks that show an API call, NO otherwise.
  chat = await startFakeChat({ apiKey: KEY, model: MODEL, judge: (content) => (content.includes('demo.parse(') ? 'YES' : 'NO') });
  documented = await makeRepo({
    'README.md': '# demo\n\nA small library.\n',
    'docs/API.md': '# demo API\n\n## Usage\n\n```js\ndemo.parse(\'a=1\');\n```\n',
    'docs/extra/deep.md': 'demo.parse( is here too, but too deep to be read\n',
  });
  undocumented = await makeRepo({ 'README.md': '# demo\n\nNothing about the API.\n', 'src/index.js': 'demo.parse(' });
});

after(async () => {
  await chat.close();
  await documented.cleanup();
  await undocumented.cleanup();
});

async function apiDoc(repo: FixtureRepo, env: Record<string, string> = {}): Promise<Json> {
  const results = await runCommands({
    commands: ['api-doc-checker'],
    task: makeTask({ repoName: repo.view.name }),
    repo: repo.view,
    config: testConfig({
      OPENCHECKER_CHATBOT_BASE_URL: `${chat.url}/v1`,
      OPENCHECKER_CHATBOT_API_KEY: KEY,
      OPENCHECKER_CHATBOT_MODEL_NAME: MODEL,
      OPENCHECKER_CHATBOT_TIMEOUT_S: '1',
      OPENCHECKER_CHATBOT_MAX_RETRIES: '1',
      ...env,
    }),
    configDir: tmpdir(),
    log: silentLogger(),
    cache: new MemoryCache(),
  });
  return results['api-doc-checker'] ?? null;
}

function reset(): void {
  chat.mode = 'ok';
  chat.quotaExceeded = false;
  chat.requests.length = 0;
  chat.prompts.length = 0;
}


describe('api-doc-checker against a fake chat completions API', () => {
  test('the first document judged YES, as <repo>/<path>; one request per chunk until then', async () => {
    reset();
    assert.deepEqual(await apiDoc(documented), { 'api-doc-checker': ['demo/docs/API.md'] });
    assert.equal(chat.prompts.length, 2, 'README.md (NO), then docs/API.md (YES)');
    const [request] = chat.requests;
    assert.equal(request?.headers.authorization, `Bearer ${KEY}`);
    const body = JSON.parse(request?.body ?? '{}') as { model: string; temperature: number; messages: { role: string }[] };
    assert.equal(body.model, MODEL);
    assert.equal(body.temperature, 0.2);
    assert.deepEqual(body.messages.map((m) => m.role), ['user']);
  });

  test('no document judged YES is an empty list under the key (a dict, as OSS Compass v2 reads it)', async () => {
    reset();
    assert.deepEqual(await apiDoc(undocumented), { 'api-doc-checker': [] });
    assert.equal(chat.prompts.length, 1);
  });

  test('[OpenCheck] legacy_text_results: upstream\'s bare list', async () => {
    reset();
    assert.deepEqual(await apiDoc(documented, { OPENCHECKER_OPENCHECK_LEGACY_TEXT_RESULTS: 'true' }), ['demo/docs/API.md']);
    reset();
    assert.deepEqual(await apiDoc(undocumented, { OPENCHECKER_OPENCHECK_LEGACY_TEXT_RESULTS: 'true' }), []);
  });

  test('without configuration: an error naming every missing key, and no request', async () => {
    reset();
    assert.equal(
      errorOf(await apiDoc(documented, { OPENCHECKER_CHATBOT_BASE_URL: '', OPENCHECKER_CHATBOT_API_KEY: '', OPENCHECKER_CHATBOT_MODEL_NAME: '' })),
      'api-doc-checker needs an OpenAI-compatible chat completions API: set [ChatBot] base_url, [ChatBot] api_key, [ChatBot] model_name (or OPENCHECKER_CHATBOT_BASE_URL, OPENCHECKER_CHATBOT_API_KEY, OPENCHECKER_CHATBOT_MODEL_NAME)',
    );
    assert.equal(errorOf(await apiDoc(documented, { OPENCHECKER_CHATBOT_API_KEY: '' })), 'api-doc-checker needs an OpenAI-compatible chat completions API: set [ChatBot] api_key (or OPENCHECKER_CHATBOT_API_KEY)');
    assert.equal(chat.requests.length, 0);
  });

  test('a wrong key or model is an error with the API\'s message, not retried', async () => {
    reset();
    assert.match(errorOf(await apiDoc(documented, { OPENCHECKER_CHATBOT_API_KEY: 'sk-wrong' })), /^chat completions API rejected the credentials \(HTTP 401 on \/chat\/completions\): Incorrect API key provided/);
    assert.match(errorOf(await apiDoc(documented, { OPENCHECKER_CHATBOT_MODEL_NAME: 'nope' })), /^chat completions API has no \/chat\/completions \(HTTP 404\): The model `gpt-5-turbo-nonexistent` does not exist/);
    assert.equal(chat.requests.length, 2);
  });

  test('rate limits: a short one is waited out, a long one and an exhausted quota are errors', async () => {
    reset();
    chat.mode = 'rate-limited-once';
    assert.deepEqual(await apiDoc(documented), { 'api-doc-checker': ['demo/docs/API.md'] });
    reset();
    chat.mode = 'rate-limited';
    assert.match(errorOf(await apiDoc(documented)), /^chat completions API is rate-limiting requests \(HTTP 429 on \/chat\/completions\); it asks to retry in 3600 s: Rate limit reached/);
    reset();
    chat.quotaExceeded = true;
    assert.match(errorOf(await apiDoc(documented)), /HTTP 429 .*You exceeded your current quota/);
    assert.equal(chat.requests.length, 1, 'insufficient_quota is not retried');
  });

  test('a hang, a server error and a broken body are retried, then errors', async () => {
    reset();
    chat.mode = 'timeout';
    assert.match(errorOf(await apiDoc(documented)), /^chat completions API \(127\.0\.0\.1:\d+\) did not answer within 1 s$/);
    assert.equal(chat.requests.length, 2, 'one retry ([ChatBot] max_retries = 1)');
    reset();
    chat.mode = 'server-error';
    assert.equal(errorOf(await apiDoc(documented)), 'chat completions API failed (HTTP 503 on /chat/completions)');
    reset();
    chat.mode = 'malformed';
    assert.match(errorOf(await apiDoc(documented)), /^chat completions API answered \/chat\/completions with a body that is not JSON/);
  });

  test('too many chunks for the request budget is an error, not a false "no documentation"', async () => {
    reset();
    assert.match(errorOf(await apiDoc(documented, { OPENCHECKER_CHATBOT_MAX_REQUESTS_PER_COMMAND: '1' })), /^stopped after 1 chat requests without finding the documentation \(at docs\/API\.md\)/);
  });
});
