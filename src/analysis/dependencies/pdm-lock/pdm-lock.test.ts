import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'smol-toml';
import { declaredByPyproject } from '../python-common.js';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { parsePdmLock } from './index.js';

test('pdm.lock: groups give dev, PEP 508 dependencies give the graph, extras entries repeat a package', () => {
  const text = fixture('pdm-lock', 'pdm.lock');
  const declared = declaredByPyproject(parse(fixture('pdm-lock', 'pyproject.toml')));
  const packages = parsePdmLock(crlf(text), 'pdm.lock', declared);
  assert.deepEqual(ids(packages), ['certifi@2024.2.2', 'iniconfig@2.0.0', 'my-tool@0.3.0', 'pytest@8.1.1', 'requests@2.31.0', 'requests@2.31.0']);
  const [plain, withExtras] = packages.filter((pkg) => pkg.name === 'requests');
  assert.deepEqual(plain?.dependsOn, ['pkg:pypi/certifi@2024.2.2']);
  assert.equal(plain?.line, 46);
  assert.equal(withExtras?.line, 55);
  assert.equal(plain?.direct, true);
  assert.equal(onePackage(packages, 'pytest').dev, true);
  assert.equal(onePackage(packages, 'pytest').direct, true);
  assert.deepEqual(onePackage(packages, 'pytest').dependsOn, ['pkg:pypi/iniconfig@2.0.0']);
  assert.equal(onePackage(packages, 'iniconfig').direct, false);
  assert.equal(onePackage(packages, 'certifi').dev, false);
  assert.equal(onePackage(packages, 'my-tool').commit, '0123456789abcdef0123456789abcdef01234567');
});
