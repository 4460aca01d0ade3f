import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeRepo } from '../../../test/support/fixtures.js';
import { sample } from '../../../test/fakes/service-fake.js';
import { chunks, documentationFiles, findDocumentation, HAR_USAGE_LINK, isYes, prompt, TooManyRequestsError } from './doc-assessment.js';

void test('the api-doc prompt is upstream\'s, byte for byte (the recorded request)', () => {
  const request = sample('openai', 'chat-completions.request.json') as { messages: { content: string }[]; temperature: number };
  const content = request.messages[0]?.content ?? '';
  const start = content.indexOf('# demo API');
  const chunk = content.slice(start, content.length - '\n\n        '.length);
  assert.equal(prompt('api-doc', chunk), content);
  assert.equal(request.temperature, 0.2);
  assert.match(prompt('build-doc', 'X'), /software compilation and packaging\.\n[\s\S]*Text content as below:\n\n {12}X\n\n {8}$/);
  assert.equal(prompt('api-doc', '$& $1'), prompt('api-doc', 'PLACEHOLDER').replace('PLACEHOLDER', () => '$& $1'), 'a chunk is inserted literally');
});

void test('chunks are 3000 characters, counted in code points as Python slices', () => {
  assert.deepEqual(chunks(''), []);
  assert.deepEqual(chunks('a'.repeat(6001)).map((c) => c.length), [3000, 3000, 1]);
  const emoji = '😀'.repeat(3001);
  assert.deepEqual(chunks(emoji).map((c) => Array.from(c).length), [3000, 1]);
});

void test('YES is recognised with quotes, emphasis, punctuation or another case; anything else is not', () => {
  for (const yes of ['YES', 'yes', ' Yes.', '"YES"', '**YES**', 'YES!']) assert.ok(isYes(yes), yes);
  for (const no of ['NO', 'YES, but', 'Yes it does', '', 'NOYES']) assert.ok(!isYes(no), no);
});

void test('documents: Markdown at the root, then directly in doc/ and docs/, nothing deeper', async () => {
  const repo = await makeRepo({
    'README.md': '#',
    'CHANGES.markdown': '#',
    'notes.txt': 'x',
    'docs/API.md': '#',
    'docs/deep/more.md': '#',
    'doc/build.MD': '#',
    'src/lib.md': '#',
  });
  try {
    assert.deepEqual(await documentationFiles(repo.view), ['CHANGES.markdown', 'README.md', 'doc/build.MD', 'docs/API.md']);
  } finally {
    await repo.cleanup();
  }
});

void test('stops at the first YES; the HAR usage link counts as build documentation without asking; requests are bounded', async () => {
  const repo = await makeRepo({ 'README.md': `${'intro '.repeat(600)}\n## Build\nnpm run build\n`, 'docs/har.md': `See ${HAR_USAGE_LINK}` });
  const asked: string[] = [];
  const chat = {
    complete: (messages: readonly { content: string }[]) => {
      const content = messages[0]?.content ?? '';
      asked.push(content);
      return Promise.resolve(content.includes('npm run build') ? 'YES' : 'NO');
    },
  };
  try {
    assert.equal(await findDocumentation(repo.view, 'build-doc', chat, { maxRequests: 10 }), 'README.md');
    assert.equal(asked.length, 2, 'two chunks of README.md');
    asked.length = 0;
    const never = { complete: () => Promise.resolve('NO') };
    assert.equal(await findDocumentation(repo.view, 'build-doc', never, { maxRequests: 10 }), 'docs/har.md');
    assert.equal(await findDocumentation(repo.view, 'api-doc', never, { maxRequests: 10 }), null);
    await assert.rejects(findDocumentation(repo.view, 'api-doc', never, { maxRequests: 1 }), TooManyRequestsError);
  } finally {
    await repo.cleanup();
  }
});
