import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeRepo } from '../../../test/support/fixtures.js';
import { GitAttributes, wildmatch } from './gitattributes.js';

void test('wildmatch follows git: * stays within a folder, ** spans folders', () => {
  assert.ok(wildmatch('*.js').test('a.js'));
  assert.ok(!wildmatch('*.js').test('dir/a.js'));
  assert.ok(wildmatch('dist/**').test('dist/a/b.js'));
  assert.ok(wildmatch('**/gen/*.c').test('x/y/gen/a.c'));
  assert.ok(wildmatch('**/gen/*.c').test('gen/a.c'));
  assert.ok(wildmatch('a/**/b').test('a/b'));
  assert.ok(wildmatch('a/**/b').test('a/x/y/b'));
  assert.ok(wildmatch('file[0-9].txt').test('file7.txt'));
  assert.ok(!wildmatch('file[!0-9].txt').test('file7.txt'));
});

void test('attributes resolve like git: base-name patterns, deeper files and later lines win', async () => {
  const repo = await makeRepo({
    '.gitattributes': [
      '# comment',
      '*.js linguist-vendored',
      'src/*.js -linguist-vendored',
      'docs/** linguist-documentation=false',
      'vendor linguist-vendored', // names a folder: git applies it to no file inside
      '*.inc linguist-language=PHP',
      '*.dat binary',
      '*.md linguist-detectable',
    ].join('\n'),
    'sub/.gitattributes': '*.js !linguist-vendored\nlocal.js linguist-generated=true\n',
    'sub/local.js': '',
    'src/a.js': '',
    'lib/b.js': '',
    'vendor/c.py': '',
  });
  try {
    const attrs = await GitAttributes.load(repo.view);
    assert.deepEqual(attrs.forPath('lib/b.js'), { vendored: true });
    assert.deepEqual(attrs.forPath('src/a.js'), { vendored: false });
    assert.deepEqual(attrs.forPath('sub/local.js'), { generated: true });
    assert.deepEqual(attrs.forPath('docs/x/y.md'), { documentation: false, detectable: true });
    assert.deepEqual(attrs.forPath('vendor/c.py'), {});
    assert.deepEqual(attrs.forPath('lib/x.inc'), { language: 'PHP' });
    assert.deepEqual(attrs.forPath('data/x.dat'), { binary: true });
  } finally {
    await repo.cleanup();
  }
});
