import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { parseErlangTerms } from './erlang-terms.js';
import { extractor, parseRebarLock } from './index.js';

test('rebar.lock: Hex packages by their Hex name, git and git_subdir with commits, hg skipped, level 0 direct', () => {
  const packages = parseRebarLock(crlf(fixture('rebar-lock', 'rebar.lock')), 'rebar.lock');
  assert.deepEqual(ids(packages), ['cowboy@2.10.0', 'cowlib@2.12.1', 'jsx@3.1.0', 'lager_json@', 'nested_app@', 'ranch@1.8.0', 'uuid_erl@2.0.7-rc.1']);
  const cowboy = onePackage(packages, 'cowboy');
  assert.equal(cowboy.ecosystem, 'Hex');
  assert.equal(cowboy.purl, 'pkg:hex/cowboy@2.10.0');
  assert.equal(cowboy.direct, true);
  assert.equal(cowboy.line, 2);
  assert.equal(onePackage(packages, 'cowlib').direct, false);
  assert.equal(onePackage(packages, 'uuid_erl').line, 16, 'the Hex name, not the application name');
  const lager = onePackage(packages, 'lager_json');
  assert.equal(lager.resolution, 'git');
  assert.equal(lager.commit, '5e1c4b7a9d2f3e8c6b0a1d4f7e2c9b3a8d6f0e1c');
  assert.equal(lager.line, 5);
  const nested = onePackage(packages, 'nested_app');
  assert.equal(nested.commit, 'b1a2c3d4e5f60718293a4b5c6d7e8f9012345678');
  assert.equal(nested.direct, false);
});

test('rebar.lock: the legacy bare list, duplicates once, one line holding several dependencies', () => {
  const legacy = '[{<<"meck">>,{pkg,<<"meck">>,<<"0.8.13">>},0},\n {<<"legacy_dep">>,{git,"https://example.org/legacy_dep.git",\n  {ref,"a9574ab75d6ed01e1288c453ae1d943d7a964595"}},0}].\n';
  const packages = parseRebarLock(legacy, 'rebar.lock');
  assert.deepEqual(ids(packages), ['legacy_dep@', 'meck@0.8.13']);
  assert.equal(onePackage(packages, 'legacy_dep').line, 2);
  const repeated = '{"1.2.0",[{<<"a">>,{pkg,<<"a">>,<<"1.0.0">>},0},{<<"a">>,{pkg,<<"a">>,<<"1.0.0">>},1},{<<"b">>,{pkg,<<"b">>,<<"2.0.0">>},1}]}.\n';
  assert.deepEqual(ids(parseRebarLock(repeated, 'rebar.lock')), ['a@1.0.0', 'b@2.0.0']);
  assert.deepEqual(parseRebarLock('%% nothing yet\n', 'rebar.lock'), []);
  assert.deepEqual(parseRebarLock('{"1.2.0",[]}.\n', 'rebar.lock'), []);
});

test('rebar.lock: text that is not Erlang terms, or not a lockfile, is malformed', () => {
  assert.throws(() => parseRebarLock('{"1.2.0", [', 'rebar.lock'), /not Erlang terms/);
  assert.throws(() => parseRebarLock('this is not a lockfile', 'rebar.lock'), /not Erlang terms/);
  assert.throws(() => parseRebarLock('{a, b, c}.', 'rebar.lock'), /not a rebar\.lock/);
  assert.deepEqual(parseErlangTerms("{'quoted atom', \"str\\\"ing\", -12}."), [
    { kind: 'tuple', at: 0, items: [{ kind: 'atom', value: 'quoted atom', at: 1 }, { kind: 'string', value: 'str"ing', at: 16 }, { kind: 'integer', value: -12, at: 28 }] },
  ]);
  assert.ok(extractor.matches('apps/x/rebar.lock'));
  assert.ok(!extractor.matches('rebar.config'));
});
