import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findOutput, quotePath } from './find-output.js';

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
