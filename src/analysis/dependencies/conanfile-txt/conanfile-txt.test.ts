import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { extractor, parseConanfileTxt, splitReference } from './index.js';

test('conanfile.txt: references of the requirement sections, user/channel and revisions stripped, tools dev', () => {
  const packages = parseConanfileTxt(crlf(fixture('conanfile-txt', 'conanfile.txt')), 'conanfile.txt');
  assert.deepEqual(ids(packages), ['boost@1.84.0', 'cmake@3.28.1', 'fmt@', 'gtest@1.14.0', 'ninja@1.11.1', 'openssl@3.2.1', 'spdlog@1.13.0-rc1', 'zlib@1.3.1']);
  const zlib = onePackage(packages, 'zlib');
  assert.equal(zlib.ecosystem, 'ConanCenter');
  assert.equal(zlib.purl, 'pkg:conan/zlib@1.3.1');
  assert.equal(zlib.line, 3);
  assert.equal(zlib.dev, false);
  assert.equal(zlib.direct, true);
  assert.equal(onePackage(packages, 'cmake').dev, true);
  assert.equal(onePackage(packages, 'ninja').dev, true);
  assert.equal(onePackage(packages, 'gtest').dev, true);
  assert.equal(onePackage(packages, 'boost').line, 5);
});

test('conanfile.txt: references, empty files, files without requirements', () => {
  assert.deepEqual(splitReference('openssl/3.2.1@user/channel#rrev'), ['openssl', '3.2.1']);
  assert.deepEqual(splitReference('poco'), ['poco', '']);
  assert.deepEqual(parseConanfileTxt('', 'conanfile.txt'), []);
  assert.deepEqual(parseConanfileTxt('[generators]\nCMakeDeps\n', 'conanfile.txt'), []);
  assert.ok(extractor.matches('cpp/conanfile.txt'));
  assert.ok(!extractor.matches('cpp/conanfile.py'));
});
