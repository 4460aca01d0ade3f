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
  assert.deepEqual(ids(packages), ['chalk@2.4.2', 'debug@2.6.9', 'is-thing@0123456789abcdef0123456789abcdef01234567', 'ms@2.0.0', 'ms@2.1.3']);
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
