import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { parsePackagesConfig } from './index.js';

test('packages.config: packages with versions, development dependencies, multi-line elements', () => {
  const packages = parsePackagesConfig(crlf(fixture('nuget-packages-config', 'packages.config')), 'packages.config');
  assert.deepEqual(ids(packages), ['NUnit@3.14.0', 'Newtonsoft.Json@13.0.3', 'Serilog@3.1.1']);
  assert.equal(onePackage(packages, 'NUnit').dev, true);
  assert.equal(onePackage(packages, 'Newtonsoft.Json').dev, false);
  assert.equal(onePackage(packages, 'Newtonsoft.Json').line, 4);
  assert.equal(onePackage(packages, 'Serilog').line, 7);
  assert.equal(onePackage(packages, 'Serilog').direct, undefined);
  assert.throws(() => parsePackagesConfig('<packages><package id="a"', 'packages.config'), /not valid XML|packages\.config/);
  assert.throws(() => parsePackagesConfig('<other/>', 'packages.config'), /no <packages> element/);
});
