import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { extractor, parseMiseToml } from './index.js';

test('mise.toml: [tools] strings, tables with a version and arrays; a tool without a version skipped', () => {
  const packages = parseMiseToml(crlf(fixture('mise-toml', 'mise.toml')), 'mise.toml');
  assert.deepEqual(ids(packages), ['go@latest', 'java@temurin-17', 'java@temurin-21', 'node@20.11.1', 'npm:prettier@3.2.5', 'python@3.12.2']);
  const node = onePackage(packages, 'node');
  assert.equal(node.ecosystem, 'mise');
  assert.equal(node.purl, 'pkg:mise/node@20.11.1');
  assert.equal(node.line, 5);
  assert.equal(onePackage(packages, 'npm:prettier').line, 7);
  assert.deepEqual(parseMiseToml('[env]\nA = "1"\n', 'mise.toml'), []);
  assert.throws(() => parseMiseToml('[tools\n', 'mise.toml'), /not valid TOML/);
});

test('mise configuration file names', () => {
  for (const path of ['mise.toml', 'a/.mise.toml', 'mise.local.toml', 'mise/config.toml', '.mise/config.toml', '.config/mise.toml', '.config/mise/config.toml', '.config/mise/conf.d/node.toml']) {
    assert.ok(extractor.matches(path), path);
  }
  for (const path of ['config.toml', 'pyproject.toml', 'conf.d/node.toml']) assert.ok(!extractor.matches(path), path);
});
