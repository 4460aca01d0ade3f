import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { extractor, parseVcpkgJson } from './index.js';

test('vcpkg.json: every dependency, versions only from overrides, host tools dev, feature dependencies not read', () => {
  const packages = parseVcpkgJson(crlf(fixture('vcpkg-json', 'vcpkg.json')), 'vcpkg.json');
  assert.deepEqual(ids(packages), ['fmt@10.2.1', 'libpng@1.6.43', 'vcpkg-cmake@', 'zlib@']);
  const fmt = onePackage(packages, 'fmt');
  assert.equal(fmt.ecosystem, 'vcpkg');
  assert.equal(fmt.purl, 'pkg:vcpkg/fmt@10.2.1');
  assert.equal(fmt.line, 7);
  assert.equal(onePackage(packages, 'zlib').line, 9);
  assert.equal(onePackage(packages, 'vcpkg-cmake').dev, true);
  assert.equal(onePackage(packages, 'zlib').dev, false);
  assert.deepEqual(parseVcpkgJson('{"name": "x"}', 'vcpkg.json'), []);
  assert.throws(() => parseVcpkgJson('[]', 'vcpkg.json'), /must hold an object/);
  assert.ok(extractor.matches('ports/vcpkg.json'));
  assert.ok(!extractor.matches('vcpkg-configuration.json'));
});
