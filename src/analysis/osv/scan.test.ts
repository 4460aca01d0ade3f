import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PackageRecord } from '../dependencies/types.js';
import { queryKey } from './client.js';
import { fixtureRecord } from '../../../test/support/osv-fixtures.js';
import { buildScanReport, collectQueries, osvQuery } from './scan.js';

const pkg = (over: Partial<PackageRecord>): PackageRecord => ({ name: 'x', version: '1.0.0', ecosystem: 'npm', purl: 'pkg:npm/x@1.0.0', sourceFile: 'package-lock.json', ...over });

test('OSV spellings: Go without v, OHPM as npm; the project itself and unpinned packages are not asked', () => {
  assert.deepEqual(osvQuery(pkg({ ecosystem: 'Go', name: 'golang.org/x/net', version: 'v0.17.0' })), { ecosystem: 'Go', name: 'golang.org/x/net', version: '0.17.0' });
  assert.deepEqual(osvQuery(pkg({ ecosystem: 'OHPM', name: 'pako', version: '2.1.0' })), { ecosystem: 'npm', name: 'pako', version: '2.1.0' });
  assert.equal(osvQuery(pkg({ resolution: 'local' })), null);
  assert.equal(osvQuery(pkg({ version: '' })), null);
  assert.deepEqual(osvQuery(pkg({ version: '', commit: 'c2b377e7a254264fd4a1fe328e4e3cfc9e245570', resolution: 'git' })), { ecosystem: 'npm', name: 'x', version: 'c2b377e7a254264fd4a1fe328e4e3cfc9e245570', commit: 'c2b377e7a254264fd4a1fe328e4e3cfc9e245570' }, 'a git dependency pinned only by its commit is asked by it');
  for (const ecosystem of ['CocoaPods', 'JSR', 'vcpkg', 'asdf', 'mise', 'generic'] as const) assert.equal(osvQuery(pkg({ ecosystem })), null, `OSV has no ${ecosystem}`);
  assert.deepEqual(osvQuery(pkg({ ecosystem: 'SwiftURL', name: 'github.com/apple/swift-nio', version: '2.64.0' })), { ecosystem: 'SwiftURL', name: 'github.com/apple/swift-nio', version: '2.64.0' });
  assert.equal(collectQueries([{ file: 'a', extractor: 'e', packages: [pkg({}), pkg({ sourceFile: 'b' })] }]).length, 1, 'distinct');
});

test('one entry per package and version in a source, errors listed, clean sources left out', () => {
  const ansi = pkg({ name: 'ansi-html', version: '0.0.7', purl: 'pkg:npm/ansi-html@0.0.7' });
  const vulnerabilities = new Map([[queryKey({ ecosystem: 'npm', name: 'ansi-html', version: '0.0.7' }), [fixtureRecord('GHSA-whgm-jr23-g3j9')]]]);
  const report = buildScanReport({
    repoName: 'demo',
    extractions: [
      { file: 'package-lock.json', extractor: 'package-lock', packages: [ansi, { ...ansi, line: 40 }, pkg({})] },
      { file: 'clean/package-lock.json', extractor: 'package-lock', packages: [pkg({})] },
      { file: 'bad/yarn.lock', extractor: 'yarn-lock', packages: [], error: 'bad/yarn.lock: unexpected token' },
    ],
    vulnerabilities,
  });
  assert.deepEqual(report.results, [
    {
      source: { path: 'demo/package-lock.json', type: 'lockfile' },
      packages: [
        {
          package: { name: 'ansi-html', version: '0.0.7', ecosystem: 'npm' },
          vulnerabilities: [fixtureRecord('GHSA-whgm-jr23-g3j9')],
          groups: [{ ids: ['GHSA-whgm-jr23-g3j9'], aliases: ['GHSA-whgm-jr23-g3j9', 'CVE-2021-23424'], max_severity: '7.5' }],
        },
      ],
    },
  ]);
  assert.deepEqual(report.errors, [{ path: 'demo/bad/yarn.lock', error: 'bad/yarn.lock: unexpected token' }]);
  assert.deepEqual(report.inventory, [
    { path: 'demo/package-lock.json', packages: [{ name: 'ansi-html', version: '0.0.7', ecosystem: 'npm' }, { name: 'x', version: '1.0.0', ecosystem: 'npm' }] },
    { path: 'demo/clean/package-lock.json', packages: [{ name: 'x', version: '1.0.0', ecosystem: 'npm' }] },
  ], 'every asked package, vulnerable or not');
});
