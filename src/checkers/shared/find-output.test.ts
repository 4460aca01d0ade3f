import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findOutput } from './find-output.js';

test('findOutput keeps upstream shapes: newline-terminated string, {} when empty', () => {
  assert.deepEqual(findOutput([]), {});
  assert.equal(findOutput(['demo/README.md']), 'demo/README.md\n');
  assert.equal(findOutput(['demo/README.md', 'demo/docs/README.md']), 'demo/README.md\ndemo/docs/README.md\n');
});
