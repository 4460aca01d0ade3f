import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeRepo } from '../../../../test/support/fixtures.js';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { extractDependencies } from '../extract.js';
import { parseGoMod, pseudoVersionCommit } from './index.js';

test('go.mod: blocks, indirect markers, replaces (all versions, one version, local), stdlib from toolchain', () => {
  const packages = parseGoMod(fixture('go-mod', 'go.mod'), 'go.mod');
  assert.deepEqual(ids(packages), [
    '../shared@',
    'github.com/gin-gonic/gin@1.9.1',
    'github.com/new/module@1.4.0',
    'github.com/pinned/fork@0.3.1',
    'github.com/quoted/path@2.0.0+incompatible',
    'github.com/single/line@1.0.0',
    'github.com/tools/x@0.1.0',
    'golang.org/x/net@0.17.0',
    'stdlib@1.21.5',
  ]);
  const gin = onePackage(packages, 'github.com/gin-gonic/gin');
  assert.equal(gin.purl, 'pkg:golang/github.com/gin-gonic/gin@v1.9.1');
  assert.equal(gin.direct, true);
  assert.equal(gin.line, 11);
  assert.equal(onePackage(packages, 'golang.org/x/net').direct, false);
  assert.equal(onePackage(packages, 'github.com/tools/x').direct, false);
  assert.equal(onePackage(packages, 'github.com/new/module').line, 13, 'the require line of the replaced module');
  assert.equal(onePackage(packages, '../shared').resolution, 'local', 'reported under the folder that replaces it');
  assert.equal(onePackage(packages, 'stdlib').purl, 'pkg:golang/stdlib@1.21.5');
  assert.deepEqual(parseGoMod(crlf(fixture('go-mod', 'go.mod')), 'go.mod'), packages);
});

test('go.mod: the go directive alone gives stdlib at the version written; malformed files are refused', () => {
  assert.deepEqual(ids(parseGoMod('module m\n\ngo 1.22\n', 'go.mod')), ['stdlib@1.22']);
  assert.deepEqual(ids(parseGoMod('module m\n\ngo 1.22.3\ntoolchain default\n', 'go.mod')), ['stdlib@1.22.3'], 'toolchain default names no release');
  assert.throws(() => parseGoMod('module m\nrequire (\n  a v1\n', 'go.mod'), /unterminated require/);
  assert.throws(() => parseGoMod('module m\nreplace a b\n', 'go.mod'), /replace without =>/);
  assert.throws(() => parseGoMod('hello world\n', 'go.mod'), /not a go.mod file/);
});

test('go.mod replace and exclude as OSV-Scanner reads them: nothing missed, nothing invented', () => {
  const text = fixture('go-mod', 'replace-exclude.mod');
  const packages = parseGoMod(text, 'go.mod');
  assert.deepEqual(ids(packages), [
    './third_party/local@',
    'github.com/acme/new@1.5.0',
    'github.com/acme/pinned@0.2.0',
    'github.com/acme/pseudo@0.0.0-20240102030405-abcdef012345',
    'golang.org/x/net@0.20.0',
    'golang.org/x/text@0.14.0',
    'stdlib@1.22.4',
  ], 'exclude removes nothing; a replace of a version or module not required adds nothing; two replaced modules meeting in one version are one');
  assert.equal(onePackage(packages, 'github.com/acme/new').line, text.split('\n').findIndex((line) => line.includes('github.com/acme/old v1.0.0')) + 1);
  assert.equal(onePackage(packages, './third_party/local').resolution, 'local');
  assert.equal(onePackage(packages, 'github.com/acme/pseudo').direct, false);
  assert.equal(onePackage(packages, 'github.com/acme/pseudo').purl, 'pkg:golang/github.com/acme/pseudo@v0.0.0-20240102030405-abcdef012345');
  assert.equal(onePackage(packages, 'github.com/acme/pseudo').commit, 'abcdef012345', 'a pseudo-version names its commit');
  assert.equal(onePackage(packages, 'golang.org/x/net').commit, undefined);
  assert.equal(onePackage(packages, 'stdlib').line, text.split('\n').indexOf('toolchain go1.22.4-acme.1') + 1, 'the toolchain release, suffix dropped');
});

test('go.mod below go 1.17: the go.sum beside it completes the indirect modules', async () => {
  const repo = await makeRepo({
    'legacy/go.mod': fixture('go-mod', 'legacy.mod'),
    'legacy/go.sum': fixture('go-mod', 'legacy.sum'),
    'modern/go.mod': fixture('go-mod', 'replace-exclude.mod'),
    'modern/go.sum': fixture('go-mod', 'legacy.sum'),
  });
  try {
    const results = await extractDependencies(repo.view, new AbortController().signal);
    const legacy = results.find((result) => result.file === 'legacy/go.mod')?.packages ?? [];
    assert.deepEqual(ids(legacy), [
      'github.com/acme/direct@1.2.0',
      'github.com/acme/indirect@0.4.0',
      'github.com/acme/replacement@1.0.1',
      'golang.org/x/sys@0.0.0-20210630005230-0f9fa26af87c',
      'stdlib@1.16',
    ], 'go.mod-only hash lines name no module in the build');
    const indirect = onePackage(legacy, 'github.com/acme/indirect');
    assert.equal(indirect.sourceFile, 'legacy/go.sum');
    assert.equal(indirect.line, 3);
    assert.equal(indirect.direct, false);
    assert.equal(onePackage(legacy, 'golang.org/x/sys').commit, '0f9fa26af87c');
    assert.equal(onePackage(legacy, 'github.com/acme/direct').sourceFile, 'legacy/go.mod');
    const modern = results.find((result) => result.file === 'modern/go.mod')?.packages ?? [];
    assert.equal(modern.some((pkg) => pkg.sourceFile.endsWith('go.sum')), false, 'go 1.17+ lists every module in go.mod');
  } finally {
    await repo.cleanup();
  }
  assert.equal(parseGoMod(fixture('go-mod', 'legacy.mod'), 'go.mod', { text: 'broken line\n', path: 'go.sum' }).length, 3, 'a malformed go.sum adds nothing');
});

test('pseudo-versions name their commit in every form Go writes', () => {
  assert.equal(pseudoVersionCommit('0.0.0-20240102030405-abcdef012345'), 'abcdef012345');
  assert.equal(pseudoVersionCommit('1.2.4-0.20240102030405-abcdef012345'), 'abcdef012345');
  assert.equal(pseudoVersionCommit('1.2.3-pre.0.20240102030405-abcdef012345'), 'abcdef012345');
  assert.equal(pseudoVersionCommit('2.0.0-20240102030405-abcdef012345+incompatible'), 'abcdef012345');
  assert.equal(pseudoVersionCommit('1.2.3'), undefined);
  assert.equal(pseudoVersionCommit('1.2.3-rc.1'), undefined);
});
