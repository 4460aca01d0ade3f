import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { parsePubspecLock } from './index.js';

test('pubspec.lock: direct main/dev/overridden and transitive, SDK packages, git and path', () => {
  const packages = parsePubspecLock(crlf(fixture('pubspec-lock', 'pubspec.lock')), 'pubspec.lock');
  assert.deepEqual(ids(packages), ['async@2.11.0', 'flutter@0.0.0', 'http@1.2.0', 'local_pkg@0.1.0', 'my_git_pkg@1.0.0', 'test@1.25.2']);
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

test('pubspec.lock sources: path and sdk packages are reported, git commits kept, a missing version is empty', () => {
  const text = fixture('pubspec-lock', 'sources.lock');
  const packages = parsePubspecLock(text, 'pubspec.lock');
  assert.deepEqual(ids(packages), ['collection@1.18.0', 'design_kit@2.0.0-dev.1', 'flutter_test@0.0.0', 'forked_intl@0.19.0+1', 'sky_engine@0.0.99', 'unversioned@']);
  assert.equal(onePackage(packages, 'design_kit').resolution, 'local');
  assert.equal(onePackage(packages, 'design_kit').direct, true);
  const flutterTest = onePackage(packages, 'flutter_test');
  assert.equal(flutterTest.dev, true);
  assert.equal(flutterTest.resolution, undefined, 'the SDK is neither the registry nor a local folder');
  assert.equal(flutterTest.line, text.split('\n').indexOf('  flutter_test:') + 1);
  assert.equal(onePackage(packages, 'sky_engine').direct, false);
  const intl = onePackage(packages, 'forked_intl');
  assert.equal(intl.commit, 'fedcba9876543210fedcba9876543210fedcba98');
  assert.equal(intl.resolution, 'git');
  assert.equal(intl.direct, true);
  assert.equal(intl.dev, false);
  assert.equal(onePackage(packages, 'unversioned').resolution, 'local');
  assert.deepEqual(parsePubspecLock('# empty\nsdks:\n  dart: ">=3.0.0"\n', 'pubspec.lock'), []);
});
