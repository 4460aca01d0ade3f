import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeContext, makeRepo } from '../../../test/support/fixtures.js';
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
  assert.equal(result, 'demo/.github/CODEOWNERS\ndemo/MAINTAINERS.md\ndemo/pkg/owners\ndemo/sub/Committers.txt\n');
});

void test('uses the repository name of the view as prefix', async (t) => {
  const repo = await makeRepo({ CODEOWNERS: '* @x' }, { name: 'other-repo' });
  t.after(() => repo.cleanup());
  assert.equal(await checker.run(makeContext(repo.view)), 'other-repo/CODEOWNERS\n');
});

void test('no maintainer files gives {}', async (t) => {
  const repo = await makeRepo({ 'README.md': '', 'ownership/readme.md': '' });
  t.after(() => repo.cleanup());
  assert.deepEqual(await checker.run(makeContext(repo.view)), {});
});

void test('names with a newline, carriage return or backslash are quoted as one line each; ordinary names are not', async (t) => {
  const repo = await makeRepo({ MAINTAINERS: '- alice', 'team\nb/OWNERS': 'x', 'c\\d/CODEOWNERS': 'y', 'e\r/OWNERS': 'z' });
  t.after(() => repo.cleanup());
  assert.equal(await checker.run(makeContext(repo.view)), 'demo/MAINTAINERS\n"demo/c\\\\d/CODEOWNERS"\n"demo/e\\r/OWNERS"\n"demo/team\\nb/OWNERS"\n');
});
