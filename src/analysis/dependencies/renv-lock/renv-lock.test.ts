import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { parseRenvLock } from './index.js';

test('renv.lock: packages, requirements graph, licenses, GitHub sources', () => {
  const packages = parseRenvLock(crlf(fixture('renv-lock', 'renv.lock')), 'renv.lock');
  assert.deepEqual(ids(packages), ['R6@2.5.1', 'ggplot2@3.4.4', 'mypkg@0.0.1', 'rlang@1.1.3']);
  const ggplot = onePackage(packages, 'ggplot2');
  assert.equal(ggplot.purl, 'pkg:cran/ggplot2@3.4.4');
  assert.deepEqual(ggplot.dependsOn, ['pkg:cran/R6@2.5.1', 'pkg:cran/rlang@1.1.3']);
  assert.equal(ggplot.declaredLicense, 'MIT + file LICENSE');
  assert.equal(ggplot.line, 22);
  assert.equal(onePackage(packages, 'mypkg').resolution, 'git');
  assert.equal(onePackage(packages, 'mypkg').commit, '0123456789abcdef0123456789abcdef01234567');
  assert.throws(() => parseRenvLock('{"R": {}}', 'renv.lock'), /not a renv\.lock/);
});
