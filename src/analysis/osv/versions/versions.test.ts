import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareMaven } from './maven.js';
import { comparePackagist } from './packagist.js';
import { compareNuGet } from './nuget.js';
import { compareGeneric } from './generic.js';
import { ecosystemScheme, semverScheme } from './index.js';

/** Asserts every version sorts strictly before every later one, and equals itself. */
function assertAscending(compare: (a: string, b: string) => number, versions: readonly string[]): void {
  for (let i = 0; i < versions.length; i++) {
    const a = versions[i] as string;
    assert.equal(compare(a, a), 0, `${a} = ${a}`);
    for (let j = i + 1; j < versions.length; j++) {
      const b = versions[j] as string;
      assert.ok(compare(a, b) < 0, `${a} < ${b}`);
      assert.ok(compare(b, a) > 0, `${b} > ${a}`);
    }
  }
}

function assertEqual(compare: (a: string, b: string) => number, versions: readonly string[]): void {
  for (const a of versions) for (const b of versions) assert.equal(compare(a, b), 0, `${a} = ${b}`);
}

test('Maven: qualifier order of ComparableVersionTest', () => {
  assertAscending(compareMaven, [
    '1-alpha2snapshot', '1-alpha2', '1-alpha-123', '1-beta-2', '1-beta123', '1-m2', '1-m11', '1-rc', '1-cr2',
    '1-rc123', '1-SNAPSHOT', '1', '1-sp', '1-sp2', '1-sp123', '1-abc', '1-def', '1-pom-1', '1-1-snapshot', '1-1',
    '1-2', '1-123',
  ]);
});

test('Maven: number order of ComparableVersionTest', () => {
  assertAscending(compareMaven, [
    '2.0', '2-1', '2.0.2', '2.0.123', '2.1.0', '2.1-a', '2.1b', '2.1-c', '2.1-1', '2.1.0.1', '2.2', '2.123',
    '11.a2', '11.a11', '11.b2', '11.b11', '11.m2', '11.m11', '11', '11.a', '11b', '11c', '11m',
  ]);
});

test('Maven: equal spellings', () => {
  assertEqual(compareMaven, ['1', '1.0', '1.0.0', '1-0', '1.0-0', '1-ga', '1.0.0-final', '1-release', '1GA']);
  assertEqual(compareMaven, ['1a1', '1-a1', '1-alpha-1', '1alpha1', '1.0-ALPHA1']);
  assertEqual(compareMaven, ['1cr', '1rc', '1-RC']);
  assertEqual(compareMaven, ['1m3', '1milestone3', '1-milestone-3']);
});

test('Maven: release, snapshot and service pack around real artifact versions', () => {
  assertAscending(compareMaven, ['4.12-beta-1', '4.12-rc-1', '4.12', '4.13-SNAPSHOT', '4.13', '4.13.1', '5.0.0-M1', '5.0.0']);
  assertAscending(compareMaven, ['2.9.10', '2.9.10.1', '2.9.10.8', '2.10.0.pr1', '2.10.0.pr2', '2.10.0.pr3']);
  // Maven's own quirk, kept: an unknown qualifier sorts after the release (jackson's 2.10.0.pr1 > 2.10.0).
  assert.ok(compareMaven('2.10.0.pr1', '2.10.0') > 0);
  // Arbitrarily long numbers do not overflow.
  assertAscending(compareMaven, ['1.99999999999999999998', '1.99999999999999999999']);
});

test('PyPI: PEP 440 order with epochs, pre/post/dev releases and local versions', () => {
  const pep440 = ecosystemScheme('PyPI');
  assert.ok(pep440);
  assertAscending(pep440.compare, [
    '1.0.dev0', '1.0a1.dev1', '1.0a1', '1.0a2', '1.0b1', '1.0rc1', '1.0', '1.0+local.1', '1.0+local.2', '1.0.post1.dev0',
    '1.0.post1', '1.1', '2.0', '1!0.1', '1!1.0',
  ]);
  assertEqual(pep440.compare, ['1.0', '1.0.0', '1.0.0.0', 'v1.0', '0!1.0']);
  assertEqual(pep440.compare, ['1.0rc1', '1.0c1', '1.0-rc.1', '1.0RC1']);
  assert.equal(pep440.valid('not a version'), false);
});

test('Packagist: version_compare order after Composer normalisation', () => {
  assertAscending(comparePackagist, [
    '1.0.0-dev', '1.0.0-alpha1', '1.0.0-alpha2', '1.0.0-beta', '1.0.0-RC1', '1.0.0-rc2', '1.0.0', '1.0.0.1', '1.0.0-pl1',
    '1.0.1', '1.10', 'v2.0.0',
  ]);
  assertEqual(comparePackagist, ['1.0.0', 'v1.0.0', '1-0-0', '1_0_0']);
  assert.ok(comparePackagist('1.0rc1', '1.0') < 0);
  assert.ok(comparePackagist('1.0', '1.0pl1') < 0);
});

test('NuGet: four parts, case-insensitive pre-releases, metadata ignored', () => {
  assertAscending(compareNuGet, ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-Beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.0.1', '1.0.1', '10.0.0']);
  assertEqual(compareNuGet, ['1.0', '1.0.0', '1.0.0.0', '1.0.0+build.5']);
  assertEqual(compareNuGet, ['1.0.0-RC', '1.0.0-rc']);
  assert.equal(ecosystemScheme('NuGet')?.valid('1.0.0.0.0'), false);
});

test('RubyGems: Gem::Version order (letters make pre-releases)', () => {
  const gems = ecosystemScheme('RubyGems');
  assert.ok(gems);
  assertAscending(gems.compare, ['1.0.a', '1.0.a.2', '1.0.b1', '1.0.rc1', '1.0', '1.0.1', '1.1', '2.0.0.pre', '2.0.0']);
  assertEqual(gems.compare, ['1.0', '1.0.0', '1']);
});

test('SEMVER: pre-releases, partial versions, leading v, build metadata', () => {
  assertAscending(semverScheme.compare, ['0.0.0-0', '0.0.1', '1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.2.0', '1.10.0']);
  assertEqual(semverScheme.compare, ['1.2', '1.2.0', 'v1.2.0', '1.2.0+build.1']);
  // Go pseudo-versions are pre-releases of the next patch.
  assert.ok(semverScheme.compare('1.0.1-0.20211012131345-9c444070ec7b', '1.0.1') < 0);
  assert.ok(semverScheme.compare('1.0.1-0.20211012131345-9c444070ec7b', '1.0.0') > 0);
  assert.equal(semverScheme.valid('latest'), false);
});

test('generic order for CRAN-style versions', () => {
  assertAscending(compareGeneric, ['0.9-1', '1.0-1', '1.0-2', '1.0-10', '1.1']);
});

test('ecosystems with a release suffix use their base ecosystem; unknown ones have no order', () => {
  assert.equal(ecosystemScheme('PyPI:extra')?.name, 'pep440');
  assert.equal(ecosystemScheme('Debian:12'), null);
});
