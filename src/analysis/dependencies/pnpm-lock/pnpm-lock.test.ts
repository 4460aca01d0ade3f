import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { parsePnpmLock } from './index.js';

const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((line) => line.includes(needle)) + 1;

test('v5: slash paths, peer suffixes, git tarballs, dev flags, graph', () => {
  const text = fixture('pnpm-lock', 'v5.yaml');
  const packages = parsePnpmLock(text, 'pnpm-lock.yaml');
  assert.deepEqual(ids(packages), ['@babel/core@7.20.12', 'debug@4.3.4', 'is-thing@1.0.0', 'loose-envify@1.4.0', 'ms@2.1.2', 'react-dom@18.2.0', 'react@18.2.0', 'typescript@5.4.5']);
  const core = onePackage(packages, '@babel/core');
  assert.equal(core.direct, true);
  assert.equal(core.dev, false);
  assert.equal(core.line, lineOf(text, '/@babel/core/7.20.12:'));
  assert.deepEqual(core.dependsOn, ['pkg:npm/debug@4.3.4']);
  const reactDom = onePackage(packages, 'react-dom');
  assert.equal(reactDom.direct, true);
  assert.deepEqual([...(reactDom.dependsOn ?? [])].sort(), ['pkg:npm/loose-envify@1.4.0', 'pkg:npm/react@18.2.0']);
  assert.equal(onePackage(packages, 'typescript').dev, true);
  assert.equal(onePackage(packages, 'ms').direct, false);
  const thing = onePackage(packages, 'is-thing');
  assert.equal(thing.resolution, 'git');
  assert.equal(thing.commit, '0123456789abcdef0123456789abcdef01234567');
  assert.equal(thing.direct, true);
});

test('v6: workspace importers, npm: aliases, link: members, peer variants reported once', () => {
  const text = fixture('pnpm-lock', 'v6.yaml');
  const packages = parsePnpmLock(text, 'pnpm-lock.yaml');
  assert.deepEqual(ids(packages), ['js-tokens@4.0.0', 'lodash@3.10.1', 'lodash@4.17.21', 'loose-envify@1.4.0', 'react-dom@18.2.0', 'react@18.2.0', 'typescript@5.4.5']);
  assert.equal(onePackage(packages, 'lodash', '3.10.1').direct, true, 'through the old-lodash alias');
  assert.equal(onePackage(packages, 'react-dom').direct, true, 'declared by packages/app');
  assert.equal(onePackage(packages, 'react').direct, false);
  assert.equal(onePackage(packages, 'react-dom').line, lineOf(text, '/react-dom@18.2.0(react@18.2.0):'));
  assert.deepEqual(onePackage(packages, 'loose-envify').dependsOn, ['pkg:npm/js-tokens@4.0.0']);
  assert.equal(onePackage(packages, 'typescript').dev, true);
});

test('v9: packages + snapshots, aliases, git tarballs, file: dependencies, dev derived from the graph', () => {
  const text = fixture('pnpm-lock', 'v9.yaml');
  const packages = parsePnpmLock(crlf(text), 'pnpm-lock.yaml');
  assert.deepEqual(ids(packages), [
    '@types/prop-types@15.7.12',
    '@types/react@18.2.79',
    'csstype@3.1.3',
    'js-tokens@4.0.0',
    'left-pad@1.3.0',
    'loose-envify@1.4.0',
    'react-dom@18.2.0',
    'react@18.2.0',
    'shared@file:packages/shared',
    'typescript@5.4.5',
  ]);
  const react = onePackage(packages, 'react');
  assert.equal(react.direct, true, 'through the my-react alias');
  assert.equal(react.dev, false);
  assert.equal(react.line, lineOf(text, '  react@18.2.0:'));
  assert.deepEqual(react.dependsOn, ['pkg:npm/loose-envify@1.4.0']);
  // Only reachable from devDependencies.
  assert.equal(onePackage(packages, 'csstype').dev, true);
  assert.equal(onePackage(packages, 'csstype').direct, false);
  assert.equal(onePackage(packages, '@types/react').dev, true);
  assert.equal(onePackage(packages, 'loose-envify').dev, false);
  const leftPad = onePackage(packages, 'left-pad');
  assert.equal(leftPad.resolution, 'git');
  assert.equal(leftPad.commit, '5eb2ec9c1e8d3c3e4e1b6c5d1f2a3b4c5d6e7f80');
  assert.equal(leftPad.direct, true);
  assert.equal(onePackage(packages, 'shared').resolution, 'local');
  assert.equal(onePackage(packages, 'shared').direct, true);
  assert.equal(onePackage(packages, '@types/react').line, lineOf(text, "'@types/react@18.2.79':"));
});

test('malformed pnpm lockfiles are refused with a reason', () => {
  assert.throws(() => parsePnpmLock(fixture('pnpm-lock', 'malformed.yaml'), 'pnpm-lock.yaml'), /not valid YAML/);
  assert.throws(() => parsePnpmLock('foo: bar\n', 'pnpm-lock.yaml'), /no lockfileVersion/);
});

test('v5 exotic paths: registry hosts, empty entries, file:/git/tarball entries by name, invalid paths skipped', () => {
  const text = fixture('pnpm-lock', 'v5-exotic.yaml');
  const packages = parsePnpmLock(crlf(text), 'pnpm-lock.yaml');
  assert.deepEqual(ids(packages), [
    '@acme/widgets@2.0.0',
    'beep@1.0.0',
    'boop@1.1.0',
    'gadget@0.3.1',
    'local-lib@0.1.0',
    'packed@1.0.0',
    'plugin-kit@4.0.0',
    'twiddle@0.0.7',
    'zap@3.1.4-rc.1',
  ], 'github.com/acme/unnamed-thing, /beep/latest and example.host name no version');
  const beep = onePackage(packages, 'beep');
  assert.equal(beep.line, lineOf(text, '  /beep/1.0.0:'), 'an entry with no body still locks the version');
  assert.equal(beep.direct, true);
  assert.equal(beep.dev, false);
  assert.equal(beep.resolution, 'registry');
  const widgets = onePackage(packages, '@acme/widgets');
  assert.equal(widgets.direct, true, 'the importer names it by its full path');
  assert.equal(widgets.purl, 'pkg:npm/%40acme/widgets@2.0.0');
  assert.equal(onePackage(packages, 'zap').direct, false);
  const boop = onePackage(packages, 'boop');
  assert.equal(boop.dev, true);
  assert.deepEqual(boop.dependsOn, ['pkg:npm/beep@1.0.0'], 'scoped peer suffix (`_@types+node@…`) dropped');
  assert.equal(onePackage(packages, 'packed').resolution, 'local');
  assert.equal(onePackage(packages, 'local-lib').resolution, 'local');
  assert.equal(onePackage(packages, 'local-lib').direct, true);
  const pluginKit = onePackage(packages, 'plugin-kit');
  assert.equal(pluginKit.resolution, 'git');
  assert.equal(pluginKit.commit, '89abcdef0123456789abcdef0123456789abcdef');
  assert.equal(pluginKit.direct, true);
  const twiddle = onePackage(packages, 'twiddle');
  assert.equal(twiddle.commit, 'fedcba9876543210fedcba9876543210fedcba98', 'from the codeload tarball');
  assert.deepEqual(twiddle.dependsOn, ['pkg:npm/beep@1.0.0']);
  const gadget = onePackage(packages, 'gadget');
  assert.equal(gadget.resolution, 'url');
  assert.equal(gadget.commit, undefined);
  assert.equal(gadget.direct, true);
});

test('v9 exotic dependencies: git commits, tarballs, file:, link: members, aliases, pre-release and build versions, snapshots', () => {
  const text = fixture('pnpm-lock', 'v9-exotic.yaml');
  const packages = parsePnpmLock(text, 'pnpm-lock.yaml');
  assert.deepEqual(ids(packages), [
    'drum@2.0.0',
    'fiddle@1.4.0',
    'gadget@0.3.1',
    'local-lib@0.1.0',
    'never-listed@7.7.7',
    'only-in-snapshots@0.9.0',
    'plain@1.2.0-beta.3',
    'tool@3.0.0+build.7',
    'trimmed@5.0.1',
  ], 'the link: workspace member is not a package');
  const drum = onePackage(packages, 'drum');
  assert.equal(drum.resolution, 'git');
  assert.equal(drum.commit, '00112233445566778899aabbccddeeff00112233');
  assert.equal(drum.direct, true);
  assert.deepEqual(drum.dependsOn, ['pkg:npm/plain@1.2.0-beta.3']);
  const fiddle = onePackage(packages, 'fiddle');
  assert.equal(fiddle.commit, '8899aabbccddeeff00112233445566778899aabb');
  assert.equal(fiddle.direct, true);
  assert.equal(onePackage(packages, 'gadget').resolution, 'url');
  assert.equal(onePackage(packages, 'local-lib').resolution, 'local');
  assert.equal(onePackage(packages, 'plain').direct, true, 'through the renamed alias');
  const tool = onePackage(packages, 'tool');
  assert.equal(tool.purl, 'pkg:npm/tool@3.0.0+build.7');
  assert.equal(tool.dev, true);
  // Versions the lockfile references but lists no package entry for (a trimmed file) are still locked.
  const onlySnapshot = onePackage(packages, 'only-in-snapshots');
  assert.equal(onlySnapshot.dev, true);
  assert.equal(onlySnapshot.direct, false);
  assert.equal(onlySnapshot.line, lineOf(text, '  only-in-snapshots@0.9.0(plain@1.2.0-beta.3):'));
  assert.deepEqual(onlySnapshot.dependsOn, ['pkg:npm/never-listed@7.7.7']);
  assert.equal(onePackage(packages, 'never-listed').dev, true);
  const trimmed = onePackage(packages, 'trimmed');
  assert.equal(trimmed.direct, true);
  assert.equal(trimmed.dev, false);
});

test('an empty lockfile and one without packages have none', () => {
  assert.deepEqual(parsePnpmLock("lockfileVersion: '9.0'\n", 'pnpm-lock.yaml'), []);
  assert.deepEqual(parsePnpmLock("lockfileVersion: 5.4\nspecifiers: {}\n", 'pnpm-lock.yaml'), []);
});
