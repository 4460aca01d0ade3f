import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { extractor, parsePylock } from './index.js';

test('pylock.toml: every package as written, VCS commits, local folders, dev groups, graph; the project left out', () => {
  const packages = parsePylock(crlf(fixture('pylock-toml', 'pylock.toml')), 'pylock.toml');
  assert.deepEqual(ids(packages), ['Requests@2.32.3', 'charset_normalizer@3.4.1', 'pytest@8.3.4', 'sibling@', 'toolbox@0.4.0', 'urllib3@2.3.0rc1']);
  const requests = onePackage(packages, 'Requests');
  assert.equal(requests.purl, 'pkg:pypi/requests@2.32.3');
  assert.equal(requests.line, 10);
  assert.equal(requests.resolution, 'registry');
  assert.equal(requests.dev, undefined);
  assert.deepEqual(requests.dependsOn, ['pkg:pypi/urllib3@2.3.0rc1', 'pkg:pypi/charset-normalizer@3.4.1'], 'names compared in PEP 503 form');
  assert.equal(onePackage(packages, 'pytest').dev, true);
  const toolbox = onePackage(packages, 'toolbox');
  assert.equal(toolbox.resolution, 'git');
  assert.equal(toolbox.commit, '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c');
  assert.equal(onePackage(packages, 'sibling').resolution, 'local');
});

test('pylock.toml: named locks, default groups are not dev, malformed files', () => {
  const lock = 'lock-version = "1.0"\ndefault-groups = ["test"]\n\n[[packages]]\nname = "pytest"\nversion = "8.0.0"\nmarker = "\'test\' in dependency_groups"\n';
  assert.equal(onePackage(parsePylock(lock, 'pylock.test.toml'), 'pytest').dev, false);
  assert.deepEqual(parsePylock('lock-version = "1.0"\n', 'pylock.toml'), []);
  assert.throws(() => parsePylock('[tool.x]\na = 1\n', 'pylock.toml'), /not a pylock\.toml/);
  assert.throws(() => parsePylock('[[packages]\n', 'pylock.toml'), /not valid TOML/);
  assert.ok(extractor.matches('pylock.toml'));
  assert.ok(extractor.matches('sub/pylock.dev.toml'));
  assert.ok(extractor.matches('pylock.a.b.toml'), 'as pylock.*.toml matches it');
  assert.ok(!extractor.matches('pylock.toml.bak'));
  assert.ok(!extractor.matches('pyproject.toml'));
});
