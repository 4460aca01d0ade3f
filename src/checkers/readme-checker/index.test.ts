import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeContext, makeRepo } from '../../../test/support/fixtures.js';
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
  assert.equal(result, 'demo/README.md\ndemo/docs/README.md\ndemo/docs/readme.zh-CN.md\ndemo/packages/a/ReadMe.txt\n');
});

void test('a repository without README files gives {}', async (t) => {
  const repo = await makeRepo({ 'src/index.ts': 'export {};', 'docs/guide.md': '' });
  t.after(() => repo.cleanup());
  assert.deepEqual(await checker.run(makeContext(repo.view)), {});
});

void test('ignores .git, symlinks and a binary README is still a README', async (t) => {
  const repo = await makeRepo({ 'README.bin': Buffer.from([0, 1, 2, 255, 0]) }, { git: true });
  t.after(() => repo.cleanup());
  await mkdir(join(repo.dir, '.git', 'sub'), { recursive: true });
  await writeFile(join(repo.dir, '.git', 'sub', 'README'), 'inside .git');
  await symlink('/etc/hostname', join(repo.dir, 'README.link'));
  assert.equal(await checker.run(makeContext(repo.view)), 'demo/README.bin\n');
});

void test('a name with a newline or carriage return cannot forge or split lines: it is quoted, ordinary names are not', async (t) => {
  const repo = await makeRepo({ 'README.md': '# demo', 'x\ndemo/FORGED/README.md': 'forged?', 'a\rb/README': 'cr', 'README\n.md': 'nl' }, { git: true });
  t.after(() => repo.cleanup());
  assert.equal(await checker.run(makeContext(repo.view)), '"demo/README\\n.md"\ndemo/README.md\n"demo/a\\rb/README"\n"demo/x\\ndemo/FORGED/README.md"\n');
});

void test('declares a shallow checkout and its name', () => {
  assert.equal(checker.name, 'readme-checker');
  assert.deepEqual(checker.requirements, { checkout: 'shallow' });
});
