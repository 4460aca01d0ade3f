import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basePurl, isCovered, oinRisk, parseOinTable } from './oin.js';

void test('table formats: JSON lists, {packages}, CSV by purl or by ecosystem and name', () => {
  const json = parseOinTable('t.json', '["pkg:npm/lodash", {"purl": "pkg:pypi/Requests@2.0"}, {"ecosystem": "crates.io", "name": "Serde"}]');
  assert.ok(isCovered(json, { purl: 'pkg:npm/lodash@4.17.21', ecosystem: 'npm', name: 'lodash' }));
  assert.ok(isCovered(json, { purl: 'pkg:pypi/requests@2.31.0', ecosystem: 'PyPI', name: 'requests' }));
  assert.ok(isCovered(json, { purl: 'pkg:cargo/serde@1.0.0', ecosystem: 'crates.io', name: 'serde' }));
  assert.ok(!isCovered(json, { purl: 'pkg:npm/left-pad@1.3.0', ecosystem: 'npm', name: 'left-pad' }));
  const wrapped = parseOinTable('t.json', '{"packages": ["pkg:deb/debian/openssl"]}');
  assert.ok(isCovered(wrapped, { purl: 'pkg:deb/debian/openssl@3.0?arch=amd64', ecosystem: 'generic', name: 'openssl' }));
  const csv = parseOinTable('t.csv', '# OIN Linux System\necosystem,name\nnpm,"left-pad"\nGo,github.com/a/b\n');
  assert.ok(isCovered(csv, { purl: 'pkg:npm/left-pad@1.3.0', ecosystem: 'npm', name: 'left-pad' }));
  assert.equal(basePurl('pkg:npm/%40scope/x@1.0.0?foo=bar#sub'), 'pkg:npm/%40scope/x');
});

void test('malformed tables say why', () => {
  assert.throws(() => parseOinTable('t.json', '{"x": 1}'), /expected a JSON list/);
  assert.throws(() => parseOinTable('t.json', '[42]'), /neither a package URL/);
  assert.throws(() => parseOinTable('t.csv', 'a,b\n1,2\n'), /purl column/);
  assert.throws(() => parseOinTable('t.json', '[]'), /lists no package/);
});

void test('risk levels', () => {
  const table = parseOinTable('t', '["pkg:npm/a", "pkg:npm/b"]');
  const dep = (name: string): { purl: string; ecosystem: string; name: string } => ({ purl: `pkg:npm/${name}@1.0.0`, ecosystem: 'npm', name });
  assert.deepEqual([oinRisk(table, [dep('a'), dep('b')]).level, oinRisk(table, [dep('a'), dep('c')]).level, oinRisk(table, [dep('c')]).level, oinRisk(table, []).level], ['low', 'medium', 'high', 'none']);
  assert.equal(oinRisk(table, [dep('a'), dep('c'), dep('d')]).risk, 0.6667);
});
