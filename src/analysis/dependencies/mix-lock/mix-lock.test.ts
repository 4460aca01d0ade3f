import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { parseMixLock } from './index.js';

test('mix.lock: hex and git entries, package names from the tuple, graph, lines', () => {
  const packages = parseMixLock(crlf(fixture('mix-lock', 'mix.lock')), 'mix.lock');
  assert.deepEqual(ids(packages), ['castore@1.0.5', 'jason@1.4.1', 'my_dep@', 'phoenix@1.7.11', 'plug@1.15.3']);
  const phoenix = onePackage(packages, 'phoenix');
  assert.equal(phoenix.purl, 'pkg:hex/phoenix@1.7.11');
  assert.equal(phoenix.line, 5);
  assert.deepEqual(phoenix.dependsOn, ['pkg:hex/castore@1.0.5', 'pkg:hex/jason@1.4.1', 'pkg:hex/plug@1.15.3']);
  assert.deepEqual(onePackage(packages, 'jason').dependsOn, [], 'decimal is optional and not locked');
  assert.equal(onePackage(packages, 'my_dep').commit, '0123456789abcdef0123456789abcdef01234567');
  assert.throws(() => parseMixLock('{"a": 1}', 'mix.lock'), /not a mix\.lock/);
  assert.throws(() => parseMixLock('%{\n  "a": {:hex, :a, "1.0", [\n', 'mix.lock'), /unclosed/);
});
