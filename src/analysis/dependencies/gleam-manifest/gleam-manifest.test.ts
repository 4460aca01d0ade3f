import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { extractor, parseGleamManifest } from './index.js';

test('Gleam manifest.toml: hex, git (commit) and local packages, direct from [requirements], graph, lines', () => {
  const packages = parseGleamManifest(crlf(fixture('gleam-manifest', 'manifest.toml')), 'manifest.toml');
  assert.deepEqual(ids(packages), ['gleam_erlang@0.25.0', 'gleam_http@3.6.0', 'gleam_stdlib@0.38.0-rc1', 'gleeunit@1.1.2', 'shared_types@0.1.0', 'wisp_fork@0.14.0']);
  const stdlib = onePackage(packages, 'gleam_stdlib');
  assert.equal(stdlib.ecosystem, 'Hex');
  assert.equal(stdlib.purl, 'pkg:hex/gleam_stdlib@0.38.0-rc1');
  assert.equal(stdlib.direct, true);
  assert.equal(stdlib.resolution, 'registry');
  assert.equal(stdlib.line, 7);
  assert.equal(onePackage(packages, 'gleam_http').direct, false);
  assert.deepEqual(onePackage(packages, 'gleam_http').dependsOn, ['pkg:hex/gleam_stdlib@0.38.0-rc1']);
  assert.equal(onePackage(packages, 'shared_types').resolution, 'local');
  const wisp = onePackage(packages, 'wisp_fork');
  assert.equal(wisp.resolution, 'git');
  assert.equal(wisp.commit, '9a8b7c6d5e4f30211203f4e5d6c7b8a90f1e2d3c');
  assert.deepEqual(wisp.dependsOn, ['pkg:hex/gleam_http@3.6.0', 'pkg:hex/gleam_erlang@0.25.0']);
});

test('Gleam manifest.toml: no packages yet, another tool\'s manifest.toml, broken TOML', () => {
  assert.deepEqual(parseGleamManifest('packages = []\n\n[requirements]\n', 'manifest.toml'), []);
  assert.deepEqual(parseGleamManifest('[package]\nname = "not-gleam"\n', 'manifest.toml'), []);
  assert.throws(() => parseGleamManifest('packages = [\n', 'manifest.toml'), /not valid TOML/);
  assert.ok(extractor.matches('app/manifest.toml'));
  assert.ok(!extractor.matches('app/gleam.toml'));
  assert.ok(!extractor.matches('Manifest.toml'), "Julia's is capitalised");
});
