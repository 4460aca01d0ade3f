import { test } from 'node:test';
import assert from 'node:assert/strict';
import { choosePolicyFile, policyCandidatePaths } from './locate.js';

void test('candidates cover every folder and name, platform folders and the root before docs', () => {
  const paths = policyCandidatePaths();
  assert.equal(paths.length, 7 * 6);
  assert.equal(paths[0], '.github/security.md');
  for (const expected of ['security.md', 'security.markdown', 'security.adoc', 'security.rst', 'security.txt', 'security']) {
    assert.ok(paths.includes(expected), expected);
  }
  for (const dir of ['.gitlab', '.gitee', '.gitcode', 'docs', 'doc']) assert.ok(paths.includes(`${dir}/security.md`), dir);
  const order = (path: string): number => paths.indexOf(path);
  assert.ok(order('.github/security.md') < order('security.md'));
  assert.ok(order('security.md') < order('docs/security.md'));
  assert.ok(order('security.md') < order('security.rst'));
  assert.ok(order('docs/security.txt') < order('doc/security.md'));
});

void test('choosePolicyFile takes the first non-empty file, an empty one only as a last resort', () => {
  const file = (path: string, size: number) => ({ path, lowerName: path.split('/').pop() ?? path, size });
  assert.equal(choosePolicyFile([]), undefined);
  assert.deepEqual(choosePolicyFile([file('SECURITY.md', 0), file('docs/SECURITY.md', 10)]), file('docs/SECURITY.md', 10));
  assert.deepEqual(choosePolicyFile([file('SECURITY.md', 5), file('docs/SECURITY.md', 10)]), file('SECURITY.md', 5));
  assert.deepEqual(choosePolicyFile([file('SECURITY.md', 0)]), file('SECURITY.md', 0));
});
