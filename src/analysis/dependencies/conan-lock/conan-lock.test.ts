import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { parseConanLock, parseReference } from './index.js';

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
  assert.deepEqual(parseConanLock('{"version": "0.5"}', 'conan.lock'), [], 'a lockfile that locks nothing');
  assert.throws(() => parseConanLock('{"name": "x"}', 'conan.lock'), /not a conan\.lock/);
});

test('conan.lock 0.3 (package references), local conanfile nodes, nameless and full references', () => {
  const text = fixture('conan-lock', 'conan03.lock');
  const packages = parseConanLock(text, 'conan.lock');
  assert.deepEqual(ids(packages), ['bzip2@1.0.8', 'libpng@1.6.40', 'zlib@1.2.13'], 'the local conanfile node and the nameless reference are not packages');
  const libpng = onePackage(packages, 'libpng');
  assert.equal(libpng.direct, true);
  assert.deepEqual(libpng.dependsOn, ['pkg:conan/zlib@1.2.13']);
  assert.equal(onePackage(packages, 'zlib').version, '1.2.13', 'package id and revisions are not part of the version');
  assert.deepEqual(parseReference('fmt/10.2.1@acme/stable#0123abcd:5ab84d6acfe1f23c4fae0ab88f26e3a396351ac9#89ef%1700000000.0'), { name: 'fmt', version: '10.2.1' });
  assert.equal(parseReference('1.0'), undefined);
  const v2 = parseConanLock('{"version": "0.5", "requires": ["mylib/1.0#abc%1.0", "0.1.0"], "python_requires": ["pyreq/2.0#def%1.0"]}', 'conan.lock');
  assert.deepEqual(ids(v2), ['mylib@1.0', 'pyreq@2.0']);
  assert.equal(onePackage(v2, 'pyreq').dev, true);
});
