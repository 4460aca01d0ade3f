import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classify, isCommitId, parseNameStatus, quoteInput } from './diff.js';

void test('isCommitId accepts 4 to 64 hex digits only', () => {
  const cases: [string, boolean][] = [
    ['abcd', true],
    ['0123456789abcdef0123456789abcdef01234567', true],
    ['ABCDEF12', true],
    ['a'.repeat(64), true],
    ['abc', false],
    ['a'.repeat(65), false],
    ['-abcd', false],
    ['--output=/tmp/x', false],
    ['HEAD~1', false],
    ['v1.0.0', false],
    ['abcd..HEAD', false],
    ['abcd\n', false],
    ['', false],
  ];
  for (const [value, expected] of cases) assert.equal(isCommitId(value), expected, JSON.stringify(value));
});

void test('quoteInput bounds and quotes user input', () => {
  assert.equal(quoteInput('-x'), '"-x"');
  assert.equal(quoteInput('a'.repeat(100)), `"${'a'.repeat(80)}…"`);
});

void test('parseNameStatus reads NUL-separated entries, renames and copies with two paths', () => {
  assert.deepEqual(parseNameStatus(''), []);
  assert.deepEqual(parseNameStatus('M\0src/a.ts\0A\0new file.txt\0R087\0old/b.ts\0new/b.ts\0D\0gone\0C100\0x\0y\0T\0link\0'), [
    { status: 'M', path: 'src/a.ts' },
    { status: 'A', path: 'new file.txt' },
    { status: 'R', path: 'new/b.ts' },
    { status: 'D', path: 'gone' },
    { status: 'C', path: 'y' },
    { status: 'T', path: 'link' },
  ]);
  assert.deepEqual(parseNameStatus('A\0line\nbreak.txt\0'), [{ status: 'A', path: 'line\nbreak.txt' }]);
});

void test('parseNameStatus rejects output that breaks the grammar', () => {
  assert.throws(() => parseNameStatus('M\0'), /unexpected git diff/);
  assert.throws(() => parseNameStatus('R100\0only-old\0'), /unexpected git diff/);
  assert.throws(() => parseNameStatus('src/a.ts\n'), /unexpected git diff/);
});

void test('classify builds upstream\'s five lists', () => {
  assert.deepEqual(classify([]), { changed_files: [], new_files: [], rename_files: [], deleted_files: [], modified_files: [] });
  assert.deepEqual(
    classify([
      { status: 'A', path: 'a' },
      { status: 'D', path: 'd' },
      { status: 'M', path: 'm' },
      { status: 'R', path: 'r-new' },
      { status: 'T', path: 't' },
    ]),
    { changed_files: ['a', 'd', 'm', 'r-new', 't'], new_files: ['a'], rename_files: ['r-new'], deleted_files: ['d'], modified_files: ['m'] },
  );
});
