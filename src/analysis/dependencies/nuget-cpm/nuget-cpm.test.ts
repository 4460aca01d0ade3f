import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { extractor, parseCentralPackages } from './index.js';

test('Directory.Packages.props: PackageVersion and GlobalPackageReference, properties, exact brackets, ranges', () => {
  const packages = parseCentralPackages(crlf(fixture('nuget-cpm', 'Directory.Packages.props')), 'Directory.Packages.props');
  assert.deepEqual(ids(packages), [
    'Dapper@',
    'Newtonsoft.Json@13.0.3',
    'Polly@8.2.0',
    'Serilog.Sinks.Console@',
    'Serilog@3.1.1',
    'StyleCop.Analyzers@1.2.0-beta.556',
    'xunit@2.7.0-pre.17',
  ]);
  const json = onePackage(packages, 'Newtonsoft.Json');
  assert.equal(json.purl, 'pkg:nuget/Newtonsoft.Json@13.0.3');
  assert.equal(json.line, 8);
  assert.equal(json.dev, false);
  assert.equal(json.direct, true);
  assert.equal(onePackage(packages, 'xunit').line, 13);
  assert.equal(onePackage(packages, 'StyleCop.Analyzers').dev, true);
  assert.equal(onePackage(packages, 'StyleCop.Analyzers').line, 19);
});

test('packages.props: PackageReference Update pins; PrivateAssets="all" is dev', () => {
  const packages = parseCentralPackages(fixture('nuget-cpm', 'packages.props'), 'src/packages.props');
  assert.deepEqual(ids(packages), ['Microsoft.Extensions.Logging@8.0.0', 'coverlet.collector@6.0.0']);
  assert.equal(onePackage(packages, 'coverlet.collector').dev, true);
  assert.equal(onePackage(packages, 'Microsoft.Extensions.Logging').line, 3);
});

test('Directory.Build.props: PackageReference Include; broken and foreign XML', () => {
  const props = '<Project>\n  <ItemGroup>\n    <PackageReference Include="LiteDB" Version="5.0.12"/>\n    <PackageReference Include="" Version="1.0.0"/>\n    <PackageReference Include="NoVersion" Version=""/>\n  </ItemGroup>\n</Project>\n';
  assert.deepEqual(ids(parseCentralPackages(props, 'Directory.Build.props')), ['LiteDB@5.0.12']);
  assert.deepEqual(parseCentralPackages('<Project Sdk="Microsoft.NET.Sdk"/>', 'Directory.Build.props'), []);
  assert.throws(() => parseCentralPackages('<Project><ItemGroup>', 'Directory.Build.props'), /not valid XML/);
  assert.throws(() => parseCentralPackages('<configuration/>', 'Directory.Build.props'), /no <Project>/);
  for (const name of ['Directory.Packages.props', 'directory.build.props', 'packages.props']) assert.ok(extractor.matches(`src/${name}`), name);
  assert.ok(!extractor.matches('src/App.csproj'));
});
