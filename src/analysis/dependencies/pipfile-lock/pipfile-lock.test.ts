import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeRepo } from '../../../../test/support/fixtures.js';
import { extractDependencies } from '../extract.js';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { parsePipfileLock } from './index.js';

test('Pipfile.lock: default and develop, a git package at a commit, path packages left out, lines', () => {
  const text = fixture('pipfile-lock', 'Pipfile.lock');
  const packages = parsePipfileLock(text, 'Pipfile.lock');
  assert.deepEqual(ids(packages), ['certifi@2024.2.2', 'my-tool@', 'pytest@8.1.1', 'requests@2.31.0']);
  assert.equal(onePackage(packages, 'certifi').dev, false, 'also in default');
  assert.equal(onePackage(packages, 'certifi').line, 19);
  assert.equal(onePackage(packages, 'pytest').dev, true);
  assert.equal(onePackage(packages, 'pytest').line, 52);
  assert.equal(onePackage(packages, 'my-tool').commit, '0123456789abcdef0123456789abcdef01234567');
  assert.equal(packages.some((pkg) => pkg.name === 'local-pkg'), false, 'a path names no release');
  assert.equal(onePackage(packages, 'requests').direct, undefined, 'no Pipfile given');
});

test('Pipfile.lock through the view: direct from the Pipfile, CRLF, malformed', async () => {
  const repo = await makeRepo({
    'Pipfile.lock': crlf(fixture('pipfile-lock', 'Pipfile.lock')),
    Pipfile: fixture('pipfile-lock', 'Pipfile'),
    'old/Pipfile.lock': '{"_meta": {}}',
  });
  try {
    const [main, old] = await extractDependencies(repo.view, new AbortController().signal);
    assert.equal(onePackage(main?.packages ?? [], 'requests').direct, true);
    assert.equal(onePackage(main?.packages ?? [], 'pytest').direct, true);
    assert.equal(onePackage(main?.packages ?? [], 'certifi').direct, false);
    assert.match(old?.error ?? '', /not a Pipfile\.lock/);
  } finally {
    await repo.cleanup();
  }
});

test('Pipfile.lock entries without a pinned version are left out; two versions of a name are two packages', () => {
  const text = fixture('pipfile-lock', 'versions.json');
  const packages = parsePipfileLock(text, 'Pipfile.lock');
  assert.deepEqual(ids(packages), ['attrs@23.2.0', 'attrs@24.1.0', 'cffi@1.16.0', 'vcs-branch-pinned@', 'wheel-file@0.4.2']);
  assert.equal(onePackage(packages, 'attrs', '23.2.0').dev, false);
  assert.equal(onePackage(packages, 'attrs', '24.1.0').dev, true, 'only develop has this version');
  assert.equal(onePackage(packages, 'attrs', '24.1.0').line, text.split('\n').lastIndexOf('        "attrs": {') + 1);
  assert.equal(onePackage(packages, 'cffi').dev, false, 'the same version in both sections is production');
  assert.equal(onePackage(packages, 'wheel-file').resolution, 'url');
  assert.equal(onePackage(packages, 'vcs-branch-pinned').commit, 'aabbccddeeff00112233445566778899aabbccdd');
});
