import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { extractor, parseDenoLock, splitKey } from './index.js';

test('deno.lock v4: npm and JSR packages, peer suffixes dropped, direct from the workspace, graph', () => {
  const packages = parseDenoLock(crlf(fixture('deno-lock', 'v4.deno.lock')), 'deno.lock');
  assert.deepEqual(ids(packages), ['@types/node@22.5.4-rc.1', 'chalk@5.3.0', 'debug@4.3.4', 'has-flag@4.0.0', 'ms@2.1.2', 'std/assert@1.0.8', 'std/internal@1.0.5', 'supports-color@8.1.1']);
  const assertPkg = onePackage(packages, 'std/assert');
  assert.equal(assertPkg.ecosystem, 'JSR');
  assert.equal(assertPkg.purl, 'pkg:jsr/%40std/assert@1.0.8');
  assert.equal(assertPkg.direct, true);
  assert.equal(assertPkg.line, 10);
  assert.deepEqual(assertPkg.dependsOn, ['pkg:jsr/%40std/internal@1.0.5']);
  const debug = onePackage(packages, 'debug');
  assert.equal(debug.ecosystem, 'npm');
  assert.equal(debug.direct, true);
  assert.equal(debug.line, 24);
  assert.deepEqual(debug.dependsOn, ['pkg:npm/ms@2.1.2', 'pkg:npm/supports-color@8.1.1']);
  assert.equal(onePackage(packages, 'ms').direct, false);
  assert.equal(onePackage(packages, '@types/node').purl, 'pkg:npm/%40types/node@22.5.4-rc.1');
});

test('deno.lock v3: maps under "packages", specifiers resolving to npm:/jsr: keys; no workspace, no direct flag', () => {
  const packages = parseDenoLock(fixture('deno-lock', 'v3.deno.lock'), 'deno.lock');
  assert.deepEqual(ids(packages), ['preact@10.19.6', 'std/assert@0.220.1', 'std/path@0.220.1']);
  assert.deepEqual(onePackage(packages, 'std/path').dependsOn, ['pkg:jsr/%40std/assert@0.220.1']);
  assert.equal(onePackage(packages, 'preact').direct, undefined);
});

test('deno.lock v2 and malformed files', () => {
  const v2 = '{"version": "2", "remote": {}, "npm": {"specifiers": {"chalk@5": "chalk@5.3.0"}, "packages": {"chalk@5.3.0": {"integrity": "x", "dependencies": {}}}}}';
  assert.deepEqual(ids(parseDenoLock(v2, 'deno.lock')), ['chalk@5.3.0']);
  assert.deepEqual(parseDenoLock('{"version": "4"}', 'deno.lock'), []);
  assert.throws(() => parseDenoLock('{"npm": {}}', 'deno.lock'), /not a deno\.lock/);
  assert.throws(() => parseDenoLock('{', 'deno.lock'), /not valid JSON/);
  assert.deepEqual(splitKey('@scope/pkg@1.0.0_peer@2.0.0'), ['@scope/pkg', '1.0.0']);
  assert.equal(splitKey('no-version'), undefined);
  assert.ok(extractor.matches('app/deno.lock'));
});
