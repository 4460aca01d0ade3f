import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeRepo } from '../../../../test/support/fixtures.js';
import { extractDependencies } from '../extract.js';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { parseOhPackageLock } from './index.js';

test('oh-package-lock.json5: specifiers, graph, local packages, JSON5 syntax', () => {
  const text = fixture('oh-package-lock', 'oh-package-lock.json5');
  const packages = parseOhPackageLock(text, 'oh-package-lock.json5');
  assert.deepEqual(ids(packages), ['@ohos/base@1.0.2', '@ohos/hypium@1.0.6', '@ohos/lottie@2.0.10', 'libentry.so@1.0.0']);
  const lottie = onePackage(packages, '@ohos/lottie');
  assert.equal(lottie.ecosystem, 'OHPM');
  assert.equal(lottie.purl, 'pkg:ohpm/%40ohos/lottie@2.0.10');
  assert.deepEqual(lottie.dependsOn, ['pkg:ohpm/%40ohos/base@1.0.2']);
  assert.equal(lottie.line, text.split('\n').findIndex((line) => line.includes('"@ohos/lottie@2.0.10": {')) + 1);
  assert.equal(lottie.direct, undefined, 'no manifest given');
  assert.equal(onePackage(packages, 'libentry.so').resolution, 'local');
  assert.equal(onePackage(packages, '@ohos/base').resolution, 'registry');
});

test('oh-package-lock.json5 through the view: direct and dev from oh-package.json5, CRLF, malformed', async () => {
  const repo = await makeRepo({
    'entry/oh-package-lock.json5': crlf(fixture('oh-package-lock', 'oh-package-lock.json5')),
    'entry/oh-package.json5': fixture('oh-package-lock', 'oh-package.json5'),
    'bad/oh-package-lock.json5': '{ packages: { ',
    'oh_modules/x/oh-package-lock.json5': fixture('oh-package-lock', 'oh-package-lock.json5'),
  });
  try {
    const results = await extractDependencies(repo.view, new AbortController().signal);
    assert.deepEqual(results.map((r) => r.file), ['bad/oh-package-lock.json5', 'entry/oh-package-lock.json5']);
    assert.match(results[0]?.error ?? '', /not valid JSON5/);
    const packages = results[1]?.packages ?? [];
    assert.equal(onePackage(packages, '@ohos/lottie').direct, true);
    assert.equal(onePackage(packages, '@ohos/lottie').dev, false);
    assert.equal(onePackage(packages, '@ohos/hypium').dev, true);
    assert.equal(onePackage(packages, '@ohos/base').direct, false);
    assert.equal(onePackage(packages, '@ohos/lottie').line, 29);
  } finally {
    await repo.cleanup();
  }
});
