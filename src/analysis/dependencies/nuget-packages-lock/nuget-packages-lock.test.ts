import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { parseNugetLock } from './index.js';

test('packages.lock.json: frameworks merged, Direct/Transitive/Project, case-insensitive graph', () => {
  const packages = parseNugetLock(crlf(fixture('nuget-packages-lock', 'packages.lock.json')), 'packages.lock.json');
  assert.deepEqual(ids(packages), ['Newtonsoft.Json@13.0.3', 'Serilog.Sinks.Console@5.0.1', 'Serilog@3.1.1', 'acme.shared@']);
  const sink = onePackage(packages, 'Serilog.Sinks.Console');
  assert.equal(sink.direct, true);
  assert.deepEqual(sink.dependsOn, ['pkg:nuget/Serilog@3.1.1']);
  assert.equal(sink.line, 11);
  assert.equal(onePackage(packages, 'Serilog').direct, false);
  assert.equal(onePackage(packages, 'Newtonsoft.Json').purl, 'pkg:nuget/Newtonsoft.Json@13.0.3');
  assert.equal(onePackage(packages, 'acme.shared').resolution, 'local');
  assert.throws(() => parseNugetLock('{"version": 1}', 'packages.lock.json'), /not a NuGet packages\.lock\.json/);
});
