import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { parseCargoLock } from './index.js';

test('Cargo.lock: workspace members, duplicate versions, git sources, graph, lines', () => {
  const packages = parseCargoLock(crlf(fixture('cargo-lock', 'Cargo.lock')), 'Cargo.lock');
  assert.deepEqual(ids(packages), ['app@0.1.0', 'my-git-crate@0.2.0', 'rand@0.7.3', 'rand@0.8.5', 'serde@1.0.197', 'utils@0.1.0']);
  const app = onePackage(packages, 'app');
  assert.equal(app.resolution, 'local');
  assert.deepEqual(app.dependsOn, ['pkg:cargo/rand@0.8.5', 'pkg:cargo/serde@1.0.197', 'pkg:cargo/my-git-crate@0.2.0', 'pkg:cargo/utils@0.1.0']);
  assert.equal(onePackage(packages, 'rand', '0.7.3').direct, true, 'used by the member utils');
  assert.equal(onePackage(packages, 'rand', '0.8.5').line, 27);
  assert.equal(onePackage(packages, 'serde').purl, 'pkg:cargo/serde@1.0.197');
  assert.equal(onePackage(packages, 'my-git-crate').commit, '0123456789abcdef0123456789abcdef01234567');
  assert.throws(() => parseCargoLock('[[package]\n', 'Cargo.lock'), /not valid TOML/);
});

test('Cargo.lock edge cases: build metadata and pre-release versions, sparse registries, git commits, empty lockfiles', () => {
  const packages = parseCargoLock(fixture('cargo-lock', 'edge.lock'), 'Cargo.lock');
  assert.deepEqual(ids(packages), ['forked@0.4.0-alpha.2', 'tokio@1.36.0', 'tool@0.1.0', 'wasi@0.11.0+wasi-snapshot-preview1']);
  assert.equal(onePackage(packages, 'wasi').purl, 'pkg:cargo/wasi@0.11.0+wasi-snapshot-preview1');
  assert.equal(onePackage(packages, 'tokio').resolution, 'registry');
  assert.equal(onePackage(packages, 'forked').commit, 'fedcba9876543210fedcba9876543210fedcba98');
  assert.equal(onePackage(packages, 'forked').direct, true, 'a dependency of the member tool');
  assert.equal(onePackage(packages, 'tool').resolution, 'local');
  assert.deepEqual(parseCargoLock('', 'Cargo.lock'), [], 'an empty lockfile locks nothing');
  assert.deepEqual(parseCargoLock('# comment only\nversion = 3\n', 'Cargo.lock'), []);
  assert.throws(() => parseCargoLock('package = "x"\n', 'Cargo.lock'), /not a Cargo\.lock/);
});
