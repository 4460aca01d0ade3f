import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logicalLines } from './shell.js';

test('logical lines join continuations and drop comments and blanks', () => {
  assert.deepEqual(logicalLines('a \\\n  b\n\n# c\nd'), [
    { text: 'a    b', line: 0 },
    { text: 'd', line: 4 },
  ]);
});
