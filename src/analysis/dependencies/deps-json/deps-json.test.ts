import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { extractor, parseDepsJson } from './index.js';

test('deps.json: every Name/version library, projects as local packages, graph from targets, direct from projects', () => {
  const packages = parseDepsJson(crlf(fixture('deps-json', 'Shop.Api.deps.json')), 'bin/Shop.Api.deps.json');
  assert.deepEqual(ids(packages), ['Serilog.AspNetCore@8.0.1', 'Serilog@3.1.1', 'Shop.Api@1.0.0', 'Shop.Domain@1.0.0', 'System.Text.Json@9.0.0-preview.1.24080.9']);
  const api = onePackage(packages, 'Shop.Api');
  assert.equal(api.resolution, 'local');
  assert.equal(api.direct, undefined);
  assert.deepEqual(api.dependsOn, ['pkg:nuget/Serilog.AspNetCore@8.0.1', 'pkg:nuget/Shop.Domain@1.0.0']);
  const aspnet = onePackage(packages, 'Serilog.AspNetCore');
  assert.equal(aspnet.ecosystem, 'NuGet');
  assert.equal(aspnet.direct, true);
  assert.equal(aspnet.resolution, 'registry');
  assert.deepEqual(aspnet.dependsOn, ['pkg:nuget/Serilog@3.1.1'], 'dependency ids match case-insensitively');
  assert.equal(aspnet.line, 55);
  assert.equal(onePackage(packages, 'Serilog').direct, false);
  assert.equal(onePackage(packages, 'System.Text.Json').direct, true, 'used by a referenced project');
  assert.equal(onePackage(packages, 'Serilog').line, 48);
});

test('deps.json: no libraries is malformed; the file name must have a stem', () => {
  assert.throws(() => parseDepsJson('{"targets": {}}', 'a.deps.json'), /no "libraries"/);
  assert.throws(() => parseDepsJson('{"libraries": {}}', 'a.deps.json'), /no "libraries"/);
  assert.throws(() => parseDepsJson('{', 'a.deps.json'), /not valid JSON/);
  assert.ok(extractor.matches('out/My.App.deps.json'));
  assert.ok(!extractor.matches('out/deps.json'));
  assert.ok(!extractor.matches('out/.deps.json'));
});
