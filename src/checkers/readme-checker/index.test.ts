import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeContext, makeRepo, testConfig } from '../../../test/support/fixtures.js';
import { checker, isReadme } from './index.js';

void test('isReadme matches lower-cased basenames starting with "readme"', () => {
  const cases: [string, boolean][] = [
    ['readme.md', true],
    ['readme', true],
    ['readme.zh-cn.md', true],
    ['readme.opensource', true],
    ['myreadme.md', false],
    ['read.me', false],
    ['docs.md', false],
  ];
  for (const [name, expected] of cases) assert.equal(isReadme(name), expected, name);
});

void test('lists README files at any depth, any case, sorted, prefixed with the repository name', async (t) => {
  const repo = await makeRepo({
    'README.md': '# demo',
    'docs/README.md': 'docs',
    'docs/readme.zh-CN.md': 'zh',
    'packages/a/ReadMe.txt': 'a',
    'src/main.ts': '',
    'docs/readme/guide.md': 'a folder named readme is not a README file',
    'NOTREADME.md': 'no',
  });
  t.after(() => repo.cleanup());
  const result = await checker.run(makeContext(repo.view));
  assert.deepEqual(result, { readme_file: ['demo/README.md', 'demo/docs/README.md', 'demo/docs/readme.zh-CN.md', 'demo/packages/a/ReadMe.txt'] });
});

void test('a repository without README files gives an empty list (a dict, as Compass reads it)', async (t) => {
  const repo = await makeRepo({ 'src/index.ts': 'export {};', 'docs/guide.md': '' });
  t.after(() => repo.cleanup());
  assert.deepEqual(await checker.run(makeContext(repo.view)), { readme_file: [] });
});

void test('[OpenCheck] legacy_text_results brings back upstream\'s string, and {} for nothing found', async (t) => {
  const config = testConfig({ OPENCHECKER_OPENCHECK_LEGACY_TEXT_RESULTS: 'true' });
  const repo = await makeRepo({ 'README.md': '# demo', 'docs/README.md': 'docs' });
  t.after(() => repo.cleanup());
  assert.equal(await checker.run(makeContext(repo.view, { config })), 'demo/README.md\ndemo/docs/README.md\n');
  const empty = await makeRepo({ 'src/index.ts': '' });
  t.after(() => empty.cleanup());
  assert.deepEqual(await checker.run(makeContext(empty.view, { config })), {});
});

void test('ignores .git, symlinks and a binary README is still a README', async (t) => {
  const repo = await makeRepo({ 'README.bin': Buffer.from([0, 1, 2, 255, 0]) }, { git: true });
  t.after(() => repo.cleanup());
  await mkdir(join(repo.dir, '.git', 'sub'), { recursive: true });
  await writeFile(join(repo.dir, '.git', 'sub', 'README'), 'inside .git');
  await symlink('/etc/hostname', join(repo.dir, 'README.link'));
  assert.deepEqual(await checker.run(makeContext(repo.view)), { readme_file: ['demo/README.bin'] });
});

void test('a name with a newline or carriage return cannot forge or split entries: one list element each; quoted in the legacy text', async (t) => {
  const repo = await makeRepo({ 'README.md': '# demo', 'x\ndemo/FORGED/README.md': 'forged?', 'a\rb/README': 'cr', 'README\n.md': 'nl' }, { git: true });
  t.after(() => repo.cleanup());
  assert.deepEqual(await checker.run(makeContext(repo.view)), { readme_file: ['demo/README\n.md', 'demo/README.md', 'demo/a\rb/README', 'demo/x\ndemo/FORGED/README.md'] });
  const config = testConfig({ OPENCHECKER_OPENCHECK_LEGACY_TEXT_RESULTS: 'true' });
  assert.equal(await checker.run(makeContext(repo.view, { config })), '"demo/README\\n.md"\ndemo/README.md\n"demo/a\\rb/README"\n"demo/x\\ndemo/FORGED/README.md"\n');
});

void test('declares a shallow checkout and its name', () => {
  assert.equal(checker.name, 'readme-checker');
  assert.deepEqual(checker.requirements, { checkout: 'shallow' });
});
