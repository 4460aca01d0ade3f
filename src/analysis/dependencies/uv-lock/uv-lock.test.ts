import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { parseUvLock } from './index.js';

test('uv.lock: the editable project gives direct and dev roots; versions disambiguate forks; git commits', () => {
  const text = fixture('uv-lock', 'uv.lock');
  const packages = parseUvLock(crlf(text), 'uv.lock');
  assert.deepEqual(ids(packages), ['anyio@4.3.0', 'demo@0.1.0', 'idna@3.7', 'iniconfig@2.0.0', 'my-tool@0.3.0', 'numpy@1.26.4', 'numpy@2.0.0', 'pytest@8.1.1', 'sniffio@1.3.1']);
  const demo = onePackage(packages, 'demo');
  assert.equal(demo.resolution, 'local');
  assert.deepEqual(demo.dependsOn, ['pkg:pypi/anyio@4.3.0', 'pkg:pypi/my-tool@0.3.0', 'pkg:pypi/numpy@1.26.4', 'pkg:pypi/numpy@2.0.0']);
  assert.equal(onePackage(packages, 'numpy', '2.0.0').direct, true);
  assert.equal(onePackage(packages, 'anyio').line, 5);
  assert.equal(onePackage(packages, 'numpy', '2.0.0').line, 57);
  assert.equal(onePackage(packages, 'idna').direct, false);
  assert.equal(onePackage(packages, 'idna').dev, false);
  assert.equal(onePackage(packages, 'pytest').dev, true);
  assert.equal(onePackage(packages, 'iniconfig').dev, true);
  assert.equal(onePackage(packages, 'my-tool').commit, '0123456789abcdef0123456789abcdef01234567');
  assert.throws(() => parseUvLock('[[package]]\nname = "x"\nname = "y"\n', 'uv.lock'), /not valid TOML/);
});
