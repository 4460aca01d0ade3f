import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { extractor, parsePaketLock } from './index.js';

test('paket.lock: NUGET entries in every group, graph within a group, GITHUB sources with tags or commits, HTTP skipped', () => {
  const packages = parsePaketLock(crlf(fixture('paket-lock', 'paket.lock')), 'paket.lock');
  assert.deepEqual(ids(packages), [
    'FSharp.Core@6.0.7',
    'FSharp.Core@8.0.200',
    'Fake.Core.Target@6.0.0',
    'Microsoft.CSharp@4.7',
    'Newtonsoft.Json@13.0.3',
    'Serilog@4.0.0-dev-02108',
    'github.com/example/helpers@v1.2.0',
    'github.com/fsprojects/FAKE@',
  ]);
  const json = onePackage(packages, 'Newtonsoft.Json');
  assert.equal(json.ecosystem, 'NuGet');
  assert.equal(json.purl, 'pkg:nuget/Newtonsoft.Json@13.0.3');
  assert.equal(json.line, 5);
  assert.deepEqual(json.dependsOn, ['pkg:nuget/Microsoft.CSharp@4.7']);
  assert.deepEqual(onePackage(packages, 'Fake.Core.Target').dependsOn, ['pkg:nuget/FSharp.Core@6.0.7'], 'the FSharp.Core of its own group');
  const fake = onePackage(packages, 'github.com/fsprojects/FAKE');
  assert.equal(fake.ecosystem, 'generic');
  assert.equal(fake.commit, '0341a2e614eb2a7f34607cec914eb0ed83ce9add');
  assert.equal(fake.resolution, 'git');
  assert.equal(onePackage(packages, 'github.com/example/helpers').commit, undefined);
  assert.deepEqual(parsePaketLock('', 'paket.lock'), []);
  assert.ok(extractor.matches('paket.lock'));
  assert.ok(!extractor.matches('paket.dependencies'));
});
