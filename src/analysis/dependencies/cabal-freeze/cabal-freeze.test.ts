import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { extractor, parseCabalFreeze } from './index.js';

test('cabal.project.freeze: every any.<name> ==<version> constraint; flags, qualified pins and comments skipped', () => {
  const packages = parseCabalFreeze(crlf(fixture('cabal-freeze', 'cabal.project.freeze')), 'cabal.project.freeze');
  assert.deepEqual(ids(packages), ['Cabal@3.10.1.0', 'aeson@2.2.1.0', 'base@4.18.1.0', 'text-short@0.1.5', 'warp@3.3.31', 'zlib@0.6.3.0']);
  const aeson = onePackage(packages, 'aeson');
  assert.equal(aeson.ecosystem, 'Hackage');
  assert.equal(aeson.purl, 'pkg:hackage/aeson@2.2.1.0');
  assert.equal(aeson.line, 4);
  assert.equal(onePackage(packages, 'Cabal').line, 3, 'the first constraint shares the field line');
  assert.equal(onePackage(packages, 'warp').version, '3.3.31', 'the last constraint has no comma');
});

test('cabal.project.freeze: a file without constraints has no packages', () => {
  assert.deepEqual(parseCabalFreeze('packages: .\n', 'cabal.project.freeze'), []);
  assert.deepEqual(parseCabalFreeze('', 'cabal.project.freeze'), []);
  assert.ok(extractor.matches('sub/cabal.project.freeze'));
  assert.ok(!extractor.matches('sub/cabal.project'));
});
