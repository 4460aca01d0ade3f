import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { extractor, parseStackLock } from './index.js';

test('stack.yaml.lock: completed hackage entries, repository entries with their commit, snapshots left out', () => {
  const packages = parseStackLock(crlf(fixture('stack-lock', 'stack.yaml.lock')), 'stack.yaml.lock');
  assert.deepEqual(ids(packages), ['fuzzyset@0.3.2', 'hs-jwt@0.11.0', 'postgresql-libpq@0.10.1.0']);
  const libpq = onePackage(packages, 'postgresql-libpq');
  assert.equal(libpq.ecosystem, 'Hackage');
  assert.equal(libpq.purl, 'pkg:hackage/postgresql-libpq@0.10.1.0');
  assert.equal(libpq.line, 15);
  assert.equal(onePackage(packages, 'fuzzyset').line, 8);
  const jwt = onePackage(packages, 'hs-jwt');
  assert.equal(jwt.resolution, 'git');
  assert.equal(jwt.commit, '3d1f5c2b9a8e7d6c5b4a39281706f5e4d3c2b1a0');
  assert.equal(jwt.line, 22);
});

test('stack.yaml.lock: empty, without packages, and not YAML', () => {
  assert.deepEqual(parseStackLock('', 'stack.yaml.lock'), []);
  assert.deepEqual(parseStackLock('# nothing locked yet\n', 'stack.yaml.lock'), []);
  assert.deepEqual(parseStackLock('packages: []\nsnapshots: []\n', 'stack.yaml.lock'), []);
  assert.throws(() => parseStackLock('packages: [\n', 'stack.yaml.lock'), /not valid YAML/);
  assert.throws(() => parseStackLock('- a\n', 'stack.yaml.lock'), /must hold a mapping/);
  assert.ok(extractor.matches('x/stack.yaml.lock'));
  assert.ok(!extractor.matches('x/stack.yaml'));
});
