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

test('renv.lock with mixed sources: CRAN and its mirrors kept, Bioconductor and repository-less entries left out, GitHub at a commit kept', () => {
  const text = fixture('renv-lock', 'mixed-sources.lock');
  const packages = parseRenvLock(text, 'renv.lock');
  assert.deepEqual(ids(packages), ['BH@1.84.0-0', 'cli@3.6.3', 'devpkg@0.2.0.9000']);
  assert.equal(onePackage(packages, 'BH').resolution, 'registry');
  assert.equal(onePackage(packages, 'cli').resolution, 'registry', 'RSPM mirrors CRAN');
  const devpkg = onePackage(packages, 'devpkg');
  assert.equal(devpkg.resolution, 'git');
  assert.equal(devpkg.commit, '89abcdef0123456789abcdef0123456789abcdef');
  assert.deepEqual(devpkg.dependsOn, ['pkg:cran/cli@3.6.3', 'pkg:cran/BH@1.84.0-0']);
  assert.equal(devpkg.line, text.split('\n').indexOf('    "devpkg": {') + 1);
  assert.deepEqual(parseRenvLock('{"R": {"Version": "4.4.1"}, "Packages": {}}', 'renv.lock'), []);
});
