import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifierLicense, normalizeAll, normalizeDeclared, rLicenseExpression } from './normalize.js';

test('declarations to SPDX: expressions, names, URLs; unknown names kept, unknown URLs non-standard', () => {
  assert.equal(normalizeDeclared('MIT OR Apache-2.0'), 'MIT OR Apache-2.0');
  assert.equal(normalizeDeclared('Apache License, Version 2.0'), 'Apache-2.0');
  assert.equal(normalizeDeclared('https://opensource.org/licenses/MIT'), 'MIT');
  assert.equal(normalizeDeclared('https://example.test/our-license.html'), 'non-standard');
  assert.equal(normalizeDeclared('Acme Internal License'), 'Acme Internal License');
  assert.equal(normalizeDeclared('UNKNOWN'), null);
  assert.equal(normalizeDeclared('  '), null);
  assert.deepEqual(normalizeAll(['mit', 'MIT', 'Apache 2.0']), ['MIT', 'Apache-2.0']);
});

test('Trove classifiers', () => {
  assert.equal(classifierLicense('License :: OSI Approved :: BSD License'), 'BSD-3-Clause');
  assert.equal(classifierLicense('License :: OSI Approved :: Apache Software License'), 'Apache-2.0');
  assert.equal(classifierLicense('License :: OSI Approved :: MIT License'), 'MIT');
  assert.equal(classifierLicense('License :: OSI Approved'), null);
  assert.equal(classifierLicense('Programming Language :: Python'), null);
});

test('R DESCRIPTION License fields', () => {
  assert.equal(rLicenseExpression('MIT + file LICENSE'), 'MIT');
  assert.equal(rLicenseExpression('GPL-2 | GPL-3'), 'GPL-2.0-only OR GPL-3.0-only');
  assert.equal(rLicenseExpression('GPL (>= 3)'), 'GPL-3.0-or-later');
  assert.equal(rLicenseExpression('BSD_3_clause + file LICENSE | GPL (>= 2)'), 'BSD-3-Clause OR GPL-2.0-or-later');
  assert.equal(rLicenseExpression('file LICENSE'), null);
  assert.equal(rLicenseExpression('Unlimited'), 'non-standard');
});
