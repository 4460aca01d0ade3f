import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeRepo } from '../../../../test/support/fixtures.js';
import { extractDependencies } from '../extract.js';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { extractor, parsePackageLock } from './index.js';

const signal = new AbortController().signal;

test('v3 lockfile with workspaces, aliases, git and file dependencies, duplicates and peers', () => {
  const text = fixture('package-lock', 'v3-workspaces.json');
  const packages = parsePackageLock(text, 'package-lock.json');
  assert.deepEqual(ids(packages), [
    '@acme/app@2.0.0',
    'js-tokens@4.0.0',
    'left-pad@1.3.0',
    'local-lib@0.1.0',
    'lodash@3.10.1',
    'lodash@4.17.21',
    'loose-envify@1.4.0',
    'react-dom@18.2.0',
    'react@18.2.0',
    'typescript@5.4.5',
  ]);
  // The alias installs react under node_modules/my-react: the record names the real package.
  const react = onePackage(packages, 'react');
  assert.equal(react.purl, 'pkg:npm/react@18.2.0');
  assert.equal(react.direct, true);
  assert.deepEqual(react.dependsOn, ['pkg:npm/loose-envify@1.4.0']);
  assert.equal(react.line, text.split('\n').findIndex((l) => l.includes('"node_modules/my-react"')) + 1);
  assert.equal(react.declaredLicense, 'MIT');
  assert.equal(react.resolution, 'registry');

  const leftPad = onePackage(packages, 'left-pad');
  assert.equal(leftPad.resolution, 'git');
  assert.equal(leftPad.commit, '5eb2ec9c1e8d3c3e4e1b6c5d1f2a3b4c5d6e7f80');
  assert.equal(leftPad.declaredLicense, 'WTFPL');

  assert.equal(onePackage(packages, 'typescript').dev, true);
  assert.equal(onePackage(packages, 'typescript').direct, true);
  assert.equal(onePackage(packages, 'loose-envify').direct, false);
  assert.equal(onePackage(packages, 'js-tokens').dev, false);

  // Workspace member and file: dependency are the project's own code.
  const app = onePackage(packages, '@acme/app');
  assert.equal(app.resolution, 'local');
  assert.equal(app.purl, 'pkg:npm/%40acme/app@2.0.0');
  assert.deepEqual([...(app.dependsOn ?? [])].sort(), ['pkg:npm/lodash@3.10.1', 'pkg:npm/react-dom@18.2.0']);
  assert.equal(onePackage(packages, 'local-lib').resolution, 'local');
  assert.equal(onePackage(packages, 'local-lib').declaredLicense, 'MIT');

  // The workspace's own lodash 3 is direct (declared by the member, installed beside it).
  assert.equal(onePackage(packages, 'lodash', '3.10.1').direct, true);
  assert.equal(onePackage(packages, 'lodash', '4.17.21').direct, true);
  // react-dom's peer dependency names `react`, which no folder holds (the alias installed it as my-react).
  const reactDom = onePackage(packages, 'react-dom');
  assert.deepEqual(reactDom.dependsOn, ['pkg:npm/loose-envify@1.4.0']);
  assert.equal(reactDom.direct, true);
});

test('v1 lockfile: nested scopes, requires, npm: aliases, git versions, direct from package.json', () => {
  const text = fixture('package-lock', 'v1.json');
  const packages = parsePackageLock(text, 'package-lock.json', JSON.parse(fixture('package-lock', 'v1-package.json')));
  assert.deepEqual(ids(packages), ['chalk@2.4.2', 'debug@2.6.9', 'is-thing@', 'ms@2.0.0', 'ms@2.1.3'], 'a git version names no version, only a commit');
  const debug = onePackage(packages, 'debug');
  assert.equal(debug.direct, true);
  // debug requires ms 2.0.0, found in its own nested scope before the hoisted 2.1.3.
  assert.deepEqual(debug.dependsOn, ['pkg:npm/ms@2.0.0']);
  assert.equal(onePackage(packages, 'ms', '2.0.0').direct, false);
  assert.equal(onePackage(packages, 'ms', '2.0.0').line, 15);
  assert.equal(onePackage(packages, 'ms', '2.1.3').line, 22);
  assert.equal(onePackage(packages, 'ms', '2.1.3').direct, false);
  const chalk = onePackage(packages, 'chalk');
  assert.equal(chalk.dev, true);
  assert.equal(chalk.direct, true);
  const thing = onePackage(packages, 'is-thing');
  assert.equal(thing.resolution, 'git');
  assert.equal(thing.commit, '0123456789abcdef0123456789abcdef01234567');
});

test('CRLF line endings give the same packages and lines', () => {
  const lf = parsePackageLock(fixture('package-lock', 'v3-workspaces.json'), 'package-lock.json');
  const crlfPackages = parsePackageLock(crlf(fixture('package-lock', 'v3-workspaces.json')), 'package-lock.json');
  assert.deepEqual(crlfPackages, lf);
});

test('through the repository view: shrinkwrap, sibling package.json, malformed files, vendored folders skipped', async () => {
  const repo = await makeRepo({
    'package-lock.json': fixture('package-lock', 'v1.json'),
    'package.json': fixture('package-lock', 'v1-package.json'),
    'tools/npm-shrinkwrap.json': fixture('package-lock', 'v3-workspaces.json'),
    'broken/package-lock.json': fixture('package-lock', 'malformed.json'),
    'node_modules/x/package-lock.json': fixture('package-lock', 'v1.json'),
    'vendor/y/package-lock.json': fixture('package-lock', 'v1.json'),
  });
  try {
    assert.equal(extractor.matches('a/npm-shrinkwrap.json'), true);
    assert.equal(extractor.matches('a/package.json'), false);
    const results = await extractDependencies(repo.view, signal);
    assert.deepEqual(results.map((r) => r.file), ['broken/package-lock.json', 'package-lock.json', 'tools/npm-shrinkwrap.json']);
    const broken = results[0];
    assert.match(broken?.error ?? '', /^broken\/package-lock\.json: not valid JSON/);
    assert.deepEqual(broken?.packages, []);
    assert.equal(onePackage(results[1]?.packages ?? [], 'debug').direct, true);
    assert.equal(onePackage(results[2]?.packages ?? [], 'react').sourceFile, 'tools/npm-shrinkwrap.json');
    // Memoised per view.
    assert.equal(await extractDependencies(repo.view, signal), results);
    const all = await extractDependencies(repo.view, signal, { includeVendored: true });
    assert.equal(all.length, 5);
  } finally {
    await repo.cleanup();
  }
});

test('v2 file: folders and git dependencies: folder entries are packages, link entries are not, commits from resolved', () => {
  const packages = parsePackageLock(fixture('package-lock', 'files-v2.json'), 'package-lock.json');
  assert.deepEqual(ids(packages), ['carousel@1.7.1', 'sentry-lite@', 'shorten@1.0.9', 'shorten@2.3.4', 'tagger@1.8.0']);
  const tagger = onePackage(packages, 'tagger');
  assert.equal(tagger.resolution, 'local', 'named by its folder');
  assert.equal(tagger.dev, true);
  assert.deepEqual(tagger.dependsOn, ['pkg:npm/shorten@1.0.9'], 'its own nested copy');
  const carousel = onePackage(packages, 'carousel');
  assert.equal(carousel.commit, '280b560161b751ba226d50c7db1e0a14a78c2de0');
  assert.equal(carousel.resolution, 'git');
  assert.equal(carousel.direct, true);
  assert.equal(onePackage(packages, 'sentry-lite').commit, 'abcdefabcdefabcdefabcdefabcdefabcdefabcd');
  assert.equal(onePackage(packages, 'shorten', '2.3.4').direct, true);
  assert.equal(onePackage(packages, 'shorten', '1.0.9').direct, true, 'declared by the file: folder, itself a project of the repository');
});

test('v1 file: and git dependencies: no version but the commit, nested dependencies of a file: folder', () => {
  const text = fixture('package-lock', 'files-v1.json');
  const packages = parsePackageLock(crlf(text), 'package-lock.json');
  assert.deepEqual(ids(packages), ['carousel@', 'helpers@', 'lodash@1.3.1', 'packed@', 'sentry-lite@']);
  assert.equal(onePackage(packages, 'helpers').resolution, 'local');
  assert.equal(onePackage(packages, 'packed').resolution, 'local');
  assert.deepEqual(onePackage(packages, 'helpers').dependsOn, ['pkg:npm/lodash@1.3.1']);
  const carousel = onePackage(packages, 'carousel');
  assert.equal(carousel.commit, '280b560161b751ba226d50c7db1e0a14a78c2de0', 'github: shorthand');
  assert.equal(carousel.dev, true);
  assert.equal(onePackage(packages, 'sentry-lite').commit, 'abcdefabcdefabcdefabcdefabcdefabcdefabcd');
  assert.equal(onePackage(packages, 'lodash').line, text.split('\n').findIndex((line) => line.includes('"lodash": {')) + 1);
});

test('package-lock.json beside npm-shrinkwrap.json is ignored, as npm ignores it', async () => {
  const repo = await makeRepo({
    'package-lock.json': fixture('package-lock', 'files-v1.json'),
    'npm-shrinkwrap.json': fixture('package-lock', 'files-v2.json'),
    'other/package-lock.json': fixture('package-lock', 'files-v1.json'),
  });
  try {
    const results = await extractDependencies(repo.view, signal);
    assert.deepEqual(results.map((r) => [r.file, r.packages.length]), [['npm-shrinkwrap.json', 5], ['other/package-lock.json', 5], ['package-lock.json', 0]]);
  } finally {
    await repo.cleanup();
  }
});
