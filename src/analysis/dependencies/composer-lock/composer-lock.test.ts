import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { parseComposerLock } from './index.js';

test('composer.lock: packages and packages-dev, licenses, commits, graph without platform packages', () => {
  const manifest = { require: { php: '>=8.1', 'monolog/monolog': '^3.5', 'acme/local': '*' }, 'require-dev': { 'phpunit/phpunit': '^10' } };
  const packages = parseComposerLock(crlf(fixture('composer-lock', 'composer.lock')), 'composer.lock', manifest);
  assert.deepEqual(ids(packages), ['acme/local@dev-main', 'monolog/monolog@3.5.0', 'phpunit/phpunit@10.5.10', 'psr/log@3.0.0']);
  const monolog = onePackage(packages, 'monolog/monolog');
  assert.equal(monolog.purl, 'pkg:composer/monolog/monolog@3.5.0');
  assert.equal(monolog.direct, true);
  assert.equal(monolog.dev, false);
  assert.equal(monolog.line, 8);
  assert.equal(monolog.declaredLicense, 'MIT');
  assert.equal(monolog.commit, 'c915e2634718dbc8a4a15c61b0e62e7a44e14448');
  assert.deepEqual(monolog.dependsOn, ['pkg:composer/psr/log@3.0.0']);
  assert.equal(onePackage(packages, 'psr/log').declaredLicense, '(MIT OR Apache-2.0)');
  assert.equal(onePackage(packages, 'psr/log').direct, false);
  assert.equal(onePackage(packages, 'phpunit/phpunit').dev, true);
  assert.equal(onePackage(packages, 'phpunit/phpunit').line, 51);
  assert.equal(onePackage(packages, 'acme/local').resolution, 'local');
  assert.throws(() => parseComposerLock('{"_readme": []}', 'composer.lock'), /not a composer\.lock/);
});
