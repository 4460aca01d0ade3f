import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeContext, makeRepo, testConfig } from '../../../test/support/fixtures.js';
import { checker, isMaintainersFile } from './index.js';

void test('isMaintainersFile matches the four prefixes on lower-cased basenames', () => {
  const cases: [string, boolean][] = [
    ['maintainers', true],
    ['maintainers.md', true],
    ['committers.csv', true],
    ['owners', true],
    ['owners_aliases', true],
    ['codeowners', true],
    ['code_owners', false],
    ['readme.md', false],
    ['the-maintainers.md', false],
    // A prefix match, as upstream's `find -iname 'OWNERS*'`: "ownership.md" counts too.
    ['ownership.md', true],
  ];
  for (const [name, expected] of cases) assert.equal(isMaintainersFile(name), expected, name);
});

void test('lists maintainer files at any depth and in any case', async (t) => {
  const repo = await makeRepo({
    '.github/CODEOWNERS': '* @acme',
    'MAINTAINERS.md': '- alice',
    'sub/Committers.txt': 'bob',
    'pkg/owners': 'carol',
    'docs/team.md': 'not an OWNERS file',
    'src/maintainers/list.ts': 'a folder name does not count',
  });
  t.after(() => repo.cleanup());
  const result = await checker.run(makeContext(repo.view));
  assert.deepEqual(result, { maintainers_file: ['demo/.github/CODEOWNERS', 'demo/MAINTAINERS.md', 'demo/pkg/owners', 'demo/sub/Committers.txt'] });
});

void test('uses the repository name of the view as prefix', async (t) => {
  const repo = await makeRepo({ CODEOWNERS: '* @x' }, { name: 'other-repo' });
  t.after(() => repo.cleanup());
  assert.deepEqual(await checker.run(makeContext(repo.view)), { maintainers_file: ['other-repo/CODEOWNERS'] });
});

void test('no maintainer files gives an empty list; {} with legacy_text_results', async (t) => {
  const repo = await makeRepo({ 'README.md': '', 'ownership/readme.md': '' });
  t.after(() => repo.cleanup());
  assert.deepEqual(await checker.run(makeContext(repo.view)), { maintainers_file: [] });
  const config = testConfig({ OPENCHECKER_OPENCHECK_LEGACY_TEXT_RESULTS: 'true' });
  assert.deepEqual(await checker.run(makeContext(repo.view, { config })), {});
});

void test('legacy_text_results gives upstream\'s newline-terminated string', async (t) => {
  const repo = await makeRepo({ MAINTAINERS: '- alice', '.github/CODEOWNERS': '* @a' });
  t.after(() => repo.cleanup());
  const config = testConfig({ OPENCHECKER_OPENCHECK_LEGACY_TEXT_RESULTS: 'true' });
  assert.equal(await checker.run(makeContext(repo.view, { config })), 'demo/.github/CODEOWNERS\ndemo/MAINTAINERS\n');
});

void test('names with a newline, carriage return or backslash are one list element each; quoted as one line each in the legacy text', async (t) => {
  const repo = await makeRepo({ MAINTAINERS: '- alice', 'team\nb/OWNERS': 'x', 'c\\d/CODEOWNERS': 'y', 'e\r/OWNERS': 'z' });
  t.after(() => repo.cleanup());
  assert.deepEqual(await checker.run(makeContext(repo.view)), { maintainers_file: ['demo/MAINTAINERS', 'demo/c\\d/CODEOWNERS', 'demo/e\r/OWNERS', 'demo/team\nb/OWNERS'] });
  const config = testConfig({ OPENCHECKER_OPENCHECK_LEGACY_TEXT_RESULTS: 'true' });
  assert.equal(await checker.run(makeContext(repo.view, { config })), 'demo/MAINTAINERS\n"demo/c\\\\d/CODEOWNERS"\n"demo/e\\r/OWNERS"\n"demo/team\\nb/OWNERS"\n');
});
