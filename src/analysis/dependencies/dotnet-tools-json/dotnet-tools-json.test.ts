import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { extractor, parseDotnetTools } from './index.js';

test('dotnet-tools.json: each tool a NuGet package at its version, dev', () => {
  const packages = parseDotnetTools(crlf(fixture('dotnet-tools-json', 'dotnet-tools.json')), '.config/dotnet-tools.json');
  assert.deepEqual(ids(packages), ['csharpier@0.28.0-beta.1', 'dotnet-ef@8.0.2']);
  const ef = onePackage(packages, 'dotnet-ef');
  assert.equal(ef.purl, 'pkg:nuget/dotnet-ef@8.0.2');
  assert.equal(ef.dev, true);
  assert.equal(ef.line, 5);
  assert.equal(onePackage(packages, 'csharpier').line, 11);
  assert.deepEqual(parseDotnetTools('{"version": 1}', 'dotnet-tools.json'), []);
  assert.throws(() => parseDotnetTools('{', 'dotnet-tools.json'), /not valid JSON/);
  assert.ok(extractor.matches('.config/dotnet-tools.json'));
});
