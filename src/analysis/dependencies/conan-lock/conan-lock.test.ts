import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { parseConanLock } from './index.js';

test('conan.lock 0.5 (Conan 2): references with revisions, build requirements as dev', () => {
  const packages = parseConanLock(crlf(fixture('conan-lock', 'conan2.lock')), 'conan.lock');
  assert.deepEqual(ids(packages), ['cmake@3.27.7', 'openssl@3.1.4', 'zlib@1.2.13']);
  assert.equal(onePackage(packages, 'zlib').purl, 'pkg:conan/zlib@1.2.13');
  assert.equal(onePackage(packages, 'zlib').line, 4);
  assert.equal(onePackage(packages, 'cmake').dev, true);
  assert.equal(onePackage(packages, 'openssl').dev, false);
});

test('conan.lock 0.4 (Conan 1): graph nodes, direct from the root node, user/channel references', () => {
  const packages = parseConanLock(fixture('conan-lock', 'conan1.lock'), 'conan.lock');
  assert.deepEqual(ids(packages), ['cmake@3.27.7', 'fmt@10.1.1', 'openssl@1.1.1w', 'zlib@1.3']);
  const openssl = onePackage(packages, 'openssl');
  assert.equal(openssl.direct, true);
  assert.deepEqual(openssl.dependsOn, ['pkg:conan/zlib@1.3']);
  assert.equal(openssl.line, 12);
  assert.equal(onePackage(packages, 'zlib').direct, false);
  assert.equal(onePackage(packages, 'cmake').dev, true);
  assert.equal(onePackage(packages, 'fmt').direct, true);
  assert.throws(() => parseConanLock('{"version": "0.5"}', 'conan.lock'), /not a conan\.lock/);
});
