import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { extractor, parseVendorModules } from './index.js';

test('vendor/modules.txt: vendored modules, replacements, folder replacements and package-less headers left out', () => {
  const packages = parseVendorModules(crlf(fixture('go-vendor-modules', 'vendor/modules.txt')), 'vendor/modules.txt');
  assert.deepEqual(ids(packages), [
    'example.com/any-fork@0.2.0',
    'example.com/new@1.4.5-beta.1',
    'github.com/google/uuid@1.6.0',
    'golang.org/x/exp@0.0.0-20240613232115-7f521ea00fb8',
    'golang.org/x/sys@0.21.0',
    'gopkg.in/yaml.v3@3.0.1',
  ]);
  const uuid = onePackage(packages, 'github.com/google/uuid');
  assert.equal(uuid.ecosystem, 'Go');
  assert.equal(uuid.purl, 'pkg:golang/github.com/google/uuid@v1.6.0');
  assert.equal(uuid.line, 1);
  assert.equal(onePackage(packages, 'golang.org/x/sys').line, 4);
  assert.equal(onePackage(packages, 'example.com/new').line, 11);
  assert.equal(onePackage(packages, 'golang.org/x/exp').commit, '7f521ea00fb8');
});

test('vendor/modules.txt: only vendor/modules.txt files; an empty one has no packages', () => {
  assert.deepEqual(parseVendorModules('', 'vendor/modules.txt'), []);
  assert.deepEqual(parseVendorModules('# github.com/a/b v1.0.0\n## explicit\n', 'vendor/modules.txt'), []);
  assert.ok(extractor.matches('vendor/modules.txt'));
  assert.ok(extractor.matches('svc/vendor/modules.txt'));
  assert.ok(!extractor.matches('modules.txt'));
  assert.ok(!extractor.matches('notvendor/modules.txt'));
});
