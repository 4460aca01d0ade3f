import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureRecord } from '../../../test/support/osv-fixtures.js';
import { isAffected, rangeIncludes } from './match.js';
import type { OsvRange, OsvVulnerability } from './types.js';

const range = (type: string, ...events: OsvRange['events']): OsvRange => ({ type, events });
const record = (ecosystem: string, name: string, ranges: OsvRange[], versions?: string[]): OsvVulnerability => ({
  id: 'TEST-1',
  modified: '2024-01-01T00:00:00Z',
  affected: [{ package: { ecosystem, name }, ranges, ...(versions ? { versions } : {}) }],
});

test('recorded records match the versions the API matched', () => {
  assert.ok(isAffected(fixtureRecord('GHSA-whgm-jr23-g3j9'), { ecosystem: 'npm', name: 'ansi-html', version: '0.0.7' }));
  assert.ok(!isAffected(fixtureRecord('GHSA-whgm-jr23-g3j9'), { ecosystem: 'npm', name: 'ansi-html', version: '0.0.8' }));
  assert.ok(isAffected(fixtureRecord('GHSA-269g-pwp5-87pp'), { ecosystem: 'Maven', name: 'junit:junit', version: '4.12' }));
  assert.ok(isAffected(fixtureRecord('GHSA-269g-pwp5-87pp'), { ecosystem: 'Maven', name: 'junit:junit', version: '4.13-rc-1' }));
  assert.ok(!isAffected(fixtureRecord('GHSA-269g-pwp5-87pp'), { ecosystem: 'Maven', name: 'junit:junit', version: '4.13.1' }));
  assert.ok(!isAffected(fixtureRecord('GHSA-269g-pwp5-87pp'), { ecosystem: 'Maven', name: 'junit:junit', version: '4.6' }));
  assert.ok(isAffected(fixtureRecord('PYSEC-2020-73'), { ecosystem: 'PyPI', name: 'Pandas', version: '0.23.4' }));
  assert.ok(isAffected(fixtureRecord('PYSEC-2020-73'), { ecosystem: 'PyPI', name: 'pandas', version: '1.0.4rc1' }));
  assert.ok(!isAffected(fixtureRecord('PYSEC-2020-73'), { ecosystem: 'PyPI', name: 'pandas', version: '1.0.4' }));
  assert.ok(isAffected(fixtureRecord('GO-2022-0274'), { ecosystem: 'Go', name: 'github.com/opencontainers/runc', version: '1.0.2' }));
  assert.ok(!isAffected(fixtureRecord('GO-2022-0274'), { ecosystem: 'Go', name: 'github.com/opencontainers/runc', version: '1.0.0' }));
  assert.ok(!isAffected(fixtureRecord('GO-2022-0274'), { ecosystem: 'Go', name: 'github.com/opencontainers/runc', version: '1.1.0' }));
  assert.ok(isAffected(fixtureRecord('RUSTSEC-2022-0013'), { ecosystem: 'crates.io', name: 'regex', version: '1.5.4' }));
  assert.ok(!isAffected(fixtureRecord('RUSTSEC-2022-0013'), { ecosystem: 'crates.io', name: 'regex', version: '1.5.5' }));
  assert.ok(!isAffected(fixtureRecord('RUSTSEC-2022-0013'), { ecosystem: 'npm', name: 'regex', version: '1.5.4' }), 'other ecosystem');
});

test('introduced "0" includes pre-releases of the first versions', () => {
  const r = range('SEMVER', { introduced: '0' }, { fixed: '1.0.0' });
  assert.ok(rangeIncludes(r, 'npm', '0.0.0-alpha'));
  assert.ok(rangeIncludes(r, 'npm', '1.0.0-rc.1'), 'a pre-release of the fix is still affected');
  assert.ok(!rangeIncludes(r, 'npm', '1.0.0'));
  // "0" is not a PEP 440 lower bound of 0: it means "everything before".
  assert.ok(rangeIncludes(range('ECOSYSTEM', { introduced: '0' }, { fixed: '2.0' }), 'PyPI', '0!0.0.dev0'));
});

test('pre-releases: introduced at a pre-release, fixed at a pre-release', () => {
  const r = range('SEMVER', { introduced: '2.0.0-beta.2' }, { fixed: '2.0.0-rc.1' });
  assert.ok(!rangeIncludes(r, 'npm', '2.0.0-beta.1'));
  assert.ok(rangeIncludes(r, 'npm', '2.0.0-beta.2'));
  assert.ok(rangeIncludes(r, 'npm', '2.0.0-beta.10'));
  assert.ok(!rangeIncludes(r, 'npm', '2.0.0-rc.1'));
  assert.ok(!rangeIncludes(r, 'npm', '2.0.0'));
});

test('last_affected is inclusive, fixed is exclusive', () => {
  const last = range('ECOSYSTEM', { introduced: '1.0' }, { last_affected: '1.4' });
  assert.ok(rangeIncludes(last, 'PyPI', '1.4'));
  assert.ok(rangeIncludes(last, 'PyPI', '1.4.0'));
  assert.ok(!rangeIncludes(last, 'PyPI', '1.4.post1'), 'a post-release comes after 1.4');
  assert.ok(!rangeIncludes(last, 'PyPI', '0.9'));
});

test('several introduced/fixed pairs in one range, in any order', () => {
  const r = range('ECOSYSTEM', { fixed: '2.3.4' }, { introduced: '2.0.0' }, { introduced: '1.0.0' }, { fixed: '1.2.3' });
  assert.ok(rangeIncludes(r, 'RubyGems', '1.2.2'));
  assert.ok(!rangeIncludes(r, 'RubyGems', '1.5'));
  assert.ok(rangeIncludes(r, 'RubyGems', '2.3.4.beta'), 'a pre-release of the fix');
  assert.ok(!rangeIncludes(r, 'RubyGems', '2.3.4'));
});

test('limit ends a range', () => {
  const r = range('SEMVER', { introduced: '0' }, { limit: '3.0.0' });
  assert.ok(rangeIncludes(r, 'npm', '2.9.9'));
  assert.ok(!rangeIncludes(r, 'npm', '3.0.0'));
  assert.ok(rangeIncludes(range('SEMVER', { introduced: '1.0.0' }, { limit: '*' }), 'npm', '9.0.0'));
});

test('PEP 440: epochs and local versions', () => {
  const r = range('ECOSYSTEM', { introduced: '0' }, { fixed: '2.0' });
  assert.ok(rangeIncludes(r, 'PyPI', '1.9+ubuntu.1'), 'a local version of an affected release');
  assert.ok(!rangeIncludes(r, 'PyPI', '1!1.0'), 'epoch 1 sorts after every epoch-0 version');
  assert.ok(!rangeIncludes(r, 'PyPI', '2.0+local'), 'a local version of the fix is fixed');
  assert.ok(rangeIncludes(r, 'PyPI', '2.0rc1'));
  const epoch = range('ECOSYSTEM', { introduced: '1!0' }, { fixed: '1!2.0' });
  assert.ok(rangeIncludes(epoch, 'PyPI', '1!1.5'));
  assert.ok(!rangeIncludes(epoch, 'PyPI', '5.0'));
});

test('Maven qualifiers in ranges', () => {
  const r = range('ECOSYSTEM', { introduced: '2.0.0-M1' }, { fixed: '2.0.0' });
  assert.ok(!rangeIncludes(r, 'Maven', '1.9.9'));
  assert.ok(rangeIncludes(r, 'Maven', '2.0.0-M3'));
  assert.ok(rangeIncludes(r, 'Maven', '2.0.0-RC1'));
  assert.ok(rangeIncludes(r, 'Maven', '2.0.0-SNAPSHOT'));
  assert.ok(!rangeIncludes(r, 'Maven', '2.0.0.Final'), 'Final is the release');
  assert.ok(!rangeIncludes(r, 'Maven', '2.0.0-sp1'));
});

test('explicit versions lists match without ranges, and name spelling follows the ecosystem', () => {
  const listed = record('PyPI', 'Django_Rest.Framework', [], ['3.0']);
  assert.ok(isAffected(listed, { ecosystem: 'PyPI', name: 'django-rest-framework', version: '3.0.0' }));
  assert.ok(!isAffected(listed, { ecosystem: 'PyPI', name: 'django-rest-framework', version: '3.0.1' }));
  const npm = record('npm', 'Lodash', [range('SEMVER', { introduced: '0' })]);
  assert.ok(!isAffected(npm, { ecosystem: 'npm', name: 'lodash', version: '1.0.0' }), 'npm names are case-sensitive');
  const nuget = record('NuGet', 'Newtonsoft.Json', [range('ECOSYSTEM', { introduced: '0' }, { fixed: '13.0.1' })]);
  assert.ok(isAffected(nuget, { ecosystem: 'NuGet', name: 'newtonsoft.json', version: '12.0.3' }));
  const composer = record('Packagist', 'league/flysystem', [range('ECOSYSTEM', { introduced: '1.0.0' }, { fixed: '1.1.4' })]);
  assert.ok(isAffected(composer, { ecosystem: 'Packagist', name: 'league/flysystem', version: '1.0.8' }));
  assert.ok(!isAffected(composer, { ecosystem: 'Packagist', name: 'league/flysystem', version: 'v1.1.4' }));
});

test('GIT ranges, unreadable versions and withdrawn records match nothing', () => {
  assert.ok(!rangeIncludes(range('GIT', { introduced: '0' }), 'npm', '1.0.0'));
  assert.ok(!rangeIncludes(range('SEMVER', { introduced: '0' }), 'npm', 'not-a-version'));
  const withdrawn = { ...record('npm', 'x', [range('SEMVER', { introduced: '0' })]), withdrawn: '2024-01-01T00:00:00Z' };
  assert.ok(!isAffected(withdrawn, { ecosystem: 'npm', name: 'x', version: '1.0.0' }));
  // An ecosystem without an order still matches its explicit versions list.
  const debian = record('Debian:12', 'openssl', [range('ECOSYSTEM', { introduced: '0' })], ['3.0.11-1~deb12u2']);
  assert.ok(isAffected(debian, { ecosystem: 'Debian:12', name: 'openssl', version: '3.0.11-1~deb12u2' }));
  assert.ok(!isAffected(debian, { ecosystem: 'Debian:12', name: 'openssl', version: '3.0.12' }));
});

test('GIT ranges offline: what can be told without the repository history', () => {
  const FIX = 'b9d4fe8c1f0e2a3d4c5b6a79880716253445f6e7';
  const INTRO = '0f0e0d0c0b0a09080706050403020100ffeeddcc';
  const LAST = '1111111111111111111111111111111111111111';
  const git = (...events: OsvRange['events']): OsvVulnerability => ({
    id: 'GIT-1',
    modified: '2024-01-01T00:00:00Z',
    affected: [{ package: { ecosystem: 'Packagist', name: 'acme/lib' }, ranges: [{ type: 'GIT', repo: 'https://example.test/acme/lib', events }] }],
  });
  const q = (version: string, commit?: string): { ecosystem: string; name: string; version: string; commit?: string } => ({ ecosystem: 'Packagist', name: 'acme/lib', version, ...(commit ? { commit } : {}) });
  // introduced "0" and nothing else: every commit, hence every version.
  assert.ok(isAffected(git({ introduced: '0' }), q('1.2.3')));
  assert.ok(isAffected(git({ introduced: '0' }), q('1.2.3', FIX)));
  // With a fix, an arbitrary version or commit cannot be placed without history: not matched.
  assert.ok(!isAffected(git({ introduced: '0' }, { fixed: FIX }), q('1.2.3')));
  assert.ok(!isAffected(git({ introduced: '0' }, { fixed: FIX }), q('1.2.3', 'abcdefabcdefabcdefabcdefabcdefabcdefabcd')));
  // A pinned commit that is one of the range's events.
  assert.ok(isAffected(git({ introduced: INTRO }, { fixed: FIX }), q('1.0.0', INTRO)), 'the introducing commit is affected');
  assert.ok(isAffected(git({ introduced: INTRO }, { fixed: FIX }), q('1.0.0', INTRO.slice(0, 12))), 'abbreviated hashes compare by prefix');
  assert.ok(!isAffected(git({ introduced: INTRO }, { fixed: FIX }), q('1.0.0', FIX)), 'the fix commit is not');
  assert.ok(isAffected(git({ introduced: '0' }, { last_affected: LAST }), q('1.0.0', LAST)), 'last_affected is inclusive');
  assert.ok(!isAffected(git({ introduced: '0' }, { limit: FIX }), q('1.0.0', FIX)), 'a limit commit is outside');
  assert.ok(isAffected(git({ introduced: INTRO }, { fixed: FIX }), q(INTRO)), 'a version that is itself a hash');
  assert.ok(!isAffected(git({ introduced: INTRO }, { fixed: FIX }), q('abc')), 'too short to be a hash');
  // Explicit versions lists still match, GIT range or not (osv.dev fills them from the repository tags).
  const listed: OsvVulnerability = { ...git({ introduced: INTRO }, { fixed: FIX }), affected: [{ ...(git({ introduced: INTRO }, { fixed: FIX }).affected?.[0] ?? {}), versions: ['v1.0.0', '1.1.0'] }] };
  assert.ok(isAffected(listed, q('1.1.0')));
  assert.ok(!isAffected(listed, q('1.2.0')));
});
