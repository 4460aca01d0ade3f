import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { parseGoMod } from './index.js';

test('go.mod: blocks, indirect markers, replaces (all versions, one version, local), stdlib from toolchain', () => {
  const packages = parseGoMod(fixture('go-mod', 'go.mod'), 'go.mod');
  assert.deepEqual(ids(packages), [
    'example.test/acme/shared@',
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
  assert.equal(onePackage(packages, 'example.test/acme/shared').resolution, 'local');
  assert.equal(onePackage(packages, 'stdlib').purl, 'pkg:golang/stdlib@1.21.5');
  assert.deepEqual(parseGoMod(crlf(fixture('go-mod', 'go.mod')), 'go.mod'), packages);
});

test('go.mod: go directive alone gives stdlib x.y.0; malformed files are refused', () => {
  assert.deepEqual(ids(parseGoMod('module m\n\ngo 1.22\n', 'go.mod')), ['stdlib@1.22.0']);
  assert.throws(() => parseGoMod('module m\nrequire (\n  a v1\n', 'go.mod'), /unterminated require/);
  assert.throws(() => parseGoMod('module m\nreplace a b\n', 'go.mod'), /replace without =>/);
  assert.throws(() => parseGoMod('hello world\n', 'go.mod'), /not a go.mod file/);
});
