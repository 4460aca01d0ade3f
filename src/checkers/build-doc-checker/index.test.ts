import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { makeRepo, makeTask, testConfig, type FixtureRepo } from '../../../test/support/fixtures.js';
import { startFakeChat, type FakeChat } from '../../../test/fakes/chat.js';
import { HAR_USAGE_LINK } from '../shared/doc-assessment.js';
import { silentLogger } from '../../lib/log.js';
import { MemoryCache } from '../../lib/shared-cache.js';
import { runCommands } from '../runner.js';
import type { Json } from '../types.js';

const KEY = 'sk-build-test';
const MODEL = 'doc-model';
let chat: FakeChat;
const repos: FixtureRepo[] = [];

before(async () => {
  chat = await startFakeChat({ apiKey: KEY, model: MODEL, judge: (content) => (content.includes('npm run build') ? 'Yes.' : 'NO') });
});
after(async () => {
  await chat.close();
  await Promise.all(repos.map((repo) => repo.cleanup()));
});

async function buildDoc(files: Record<string, string>, env: Record<string, string> = {}): Promise<Json> {
  const repo = await makeRepo(files);
  repos.push(repo);
  chat.requests.length = 0;
  chat.prompts.length = 0;
  const results = await runCommands({
    commands: ['build-doc-checker'],
    task: makeTask({ repoName: repo.view.name }),
    repo: repo.view,
    config: testConfig({
      OPENCHECKER_CHATBOT_BASE_URL: `${chat.url}/v1`,
      OPENCHECKER_CHATBOT_API_KEY: KEY,
      OPENCHECKER_CHATBOT_MODEL_NAME: MODEL,
      OPENCHECKER_CHATBOT_TIMEOUT_S: '1',
      ...env,
    }),
    configDir: tmpdir(),
    log: silentLogger(),
    cache: new MemoryCache(),
  });
  return results['build-doc-checker'] ?? null;
}

describe('build-doc-checker against a fake chat completions API', () => {
  test('a build document judged YES (any case, with punctuation) gives upstream\'s shape', async () => {
    assert.deepEqual(await buildDoc({ 'README.md': '# demo\n', 'doc/BUILD.md': '## Build\n\n```\nnpm ci\nnpm run build\nnpm pack\n```\n' }), {
      'build-doc-checker': ['demo/doc/BUILD.md'],
    });
    assert.match(chat.prompts[0] ?? '', /software compilation and packaging/);
  });

  test('the OpenHarmony HAR usage link counts as build documentation, without asking (upstream inverted it)', async () => {
    assert.deepEqual(await buildDoc({ 'README.md': `# lib\n\nInstall it as described in ${HAR_USAGE_LINK.toUpperCase()}.\n` }), {
      'build-doc-checker': ['demo/README.md'],
    });
    assert.equal(chat.requests.length, 0);
  });

  test('nothing judged YES, or no Markdown at all, is {}', async () => {
    assert.deepEqual(await buildDoc({ 'README.md': '# demo\n\nJust a description.\n' }), {});
    assert.deepEqual(await buildDoc({ 'src/main.c': 'int main(void) { return 0; }\n' }), {});
    assert.equal(chat.requests.length, 0);
  });

  test('without configuration an error names the missing keys', async () => {
    assert.deepEqual(await buildDoc({ 'README.md': 'x' }, { OPENCHECKER_CHATBOT_MODEL_NAME: '' }), {
      error: 'build-doc-checker needs an OpenAI-compatible chat completions API: set [ChatBot] model_name (or OPENCHECKER_CHATBOT_MODEL_NAME)',
    });
  });
});
