import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findOutput, findResult, quotePath } from './find-output.js';

test('findOutput keeps upstream shapes: newline-terminated string, {} when empty', () => {
  assert.deepEqual(findOutput([]), {});
  assert.equal(findOutput(['demo/README.md']), 'demo/README.md\n');
  assert.equal(findOutput(['demo/README.md', 'demo/docs/README.md']), 'demo/README.md\ndemo/docs/README.md\n');
});

test('quotePath: ordinary names unchanged, names that would break the line format quoted like git', () => {
  for (const plain of ['demo/README.md', 'demo/dir with space/ünïcode README', "demo/it's/README", 'demo/a$b/README']) assert.equal(quotePath(plain), plain);
  assert.equal(quotePath('demo/dir/READ\nME.md'), '"demo/dir/READ\\nME.md"');
  assert.equal(quotePath('demo/a\rb/README'), '"demo/a\\rb/README"');
  assert.equal(quotePath('demo/back\\slash/README'), '"demo/back\\\\slash/README"');
  assert.equal(quotePath('demo/"quoted"/README'), '"demo/\\"quoted\\"/README"');
  assert.equal(quotePath('demo/\t\u0001\u007f/README'), '"demo/\\t\\001\\177/README"');
});

test('findOutput: a name with a newline stays one line, so no result can be forged', () => {
  const output = findOutput(['demo/README.md', 'demo/x\ndemo/FORGED/README.md']);
  assert.equal(output, 'demo/README.md\n"demo/x\\ndemo/FORGED/README.md"\n');
  assert.equal(typeof output === 'string' && output.split('\n').length, 3);
});

test('findResult: {key: [paths]} (empty list when none), or the legacy text', () => {
  assert.deepEqual(findResult('readme_file', [], false), { readme_file: [] });
  assert.deepEqual(findResult('readme_file', ['demo/README.md', 'demo/a\nb/README'], false), { readme_file: ['demo/README.md', 'demo/a\nb/README'] });
  assert.deepEqual(findResult('maintainers_file', [], true), {});
  assert.equal(findResult('maintainers_file', ['demo/OWNERS', 'demo/a\nb/OWNERS'], true), 'demo/OWNERS\n"demo/a\\nb/OWNERS"\n');
});
