import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { parsePubspecLock } from './index.js';

test('pubspec.lock: direct main/dev/overridden and transitive, SDK packages left out, git and path', () => {
  const packages = parsePubspecLock(crlf(fixture('pubspec-lock', 'pubspec.lock')), 'pubspec.lock');
  assert.deepEqual(ids(packages), ['async@2.11.0', 'http@1.2.0', 'local_pkg@0.1.0', 'my_git_pkg@1.0.0', 'test@1.25.2']);
  const http = onePackage(packages, 'http');
  assert.equal(http.direct, true);
  assert.equal(http.dev, false);
  assert.equal(http.line, 17);
  assert.equal(http.purl, 'pkg:pub/http@1.2.0');
  assert.equal(onePackage(packages, 'async').direct, false);
  assert.equal(onePackage(packages, 'test').dev, true);
  assert.equal(onePackage(packages, 'local_pkg').resolution, 'local');
  assert.equal(onePackage(packages, 'my_git_pkg').commit, '0123456789abcdef0123456789abcdef01234567');
  assert.equal(onePackage(packages, 'my_git_pkg').direct, true);
  assert.throws(() => parsePubspecLock('packages: [\n', 'pubspec.lock'), /not valid YAML/);
});
