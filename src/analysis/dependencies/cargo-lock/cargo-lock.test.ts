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
