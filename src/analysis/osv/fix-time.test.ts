import { test } from 'node:test';
import assert from 'node:assert/strict';
import { daysBetween, fixTimes, fixedVersions, meanDays, projectPackageIn } from './fix-time.js';
import type { OsvVulnerability } from './types.js';

void test('the package each root manifest publishes', () => {
  assert.deepEqual(projectPackageIn('package.json', '{"name": "demo", "version": "1.0.0"}'), { ecosystem: 'npm', name: 'demo', file: 'package.json' });
  assert.equal(projectPackageIn('package.json', '{"name": "app", "private": true}'), null, 'private packages are not published');
  assert.deepEqual(projectPackageIn('Cargo.toml', '[package]\nname = "demo"\n')?.ecosystem, 'crates.io');
  assert.equal(projectPackageIn('Cargo.toml', '[package]\nname = "demo"\npublish = false\n'), null);
  assert.deepEqual(projectPackageIn('pyproject.toml', '[project]\nname = "Demo_Lib"\n')?.name, 'Demo_Lib');
  assert.deepEqual(projectPackageIn('go.mod', 'module github.com/acme/demo\n')?.name, 'github.com/acme/demo');
  assert.deepEqual(projectPackageIn('pom.xml', '<project><parent><groupId>org.parent</groupId><artifactId>p</artifactId></parent><artifactId>demo</artifactId><dependencies><dependency><groupId>x</groupId><artifactId>y</artifactId></dependency></dependencies></project>')?.name, 'org.parent:demo');
  assert.equal(projectPackageIn('package.json', '{broken'), null);
  assert.equal(projectPackageIn('README.md', '# x'), null);
});

const record = (id: string, published: string | undefined, fixed: string[], extra: Partial<OsvVulnerability> = {}): OsvVulnerability => ({
  id,
  modified: '2025-01-01T00:00:00Z',
  ...(published ? { published } : {}),
  affected: [
    { package: { ecosystem: 'PyPI', name: 'demo-lib' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, ...fixed.map((version) => ({ fixed: version }))] }, { type: 'GIT', repo: 'https://x', events: [{ introduced: '0' }, { fixed: 'abc123' }] }] },
    { package: { ecosystem: 'PyPI', name: 'other' }, ranges: [{ type: 'ECOSYSTEM', events: [{ fixed: '9.9' }] }] },
  ],
  ...extra,
});

void test('fixed versions of the project\'s package only, GIT ranges left out, names normalised', () => {
  assert.deepEqual(fixedVersions(record('A', '2024-01-01T00:00:00Z', ['1.2.0', '2.0.1']), { ecosystem: 'PyPI', name: 'Demo_Lib' }), ['1.2.0', '2.0.1']);
});

void test('days and means: one decimal, a fix before disclosure is 0, nothing is null', () => {
  assert.equal(daysBetween('2024-01-01T00:00:00Z', '2024-01-11T12:00:00Z'), 10.5);
  assert.equal(daysBetween('2024-01-11T00:00:00Z', '2024-01-01T00:00:00Z'), 0);
  assert.equal(meanDays([10.5, 3]), 6.8);
  assert.equal(meanDays([]), null);
});

void test('fix time per record: the earliest dated fixed version; unmeasurable records say why', async () => {
  const dates: Record<string, string> = { '1.2.0': '2024-01-31T00:00:00Z', '2.0.1': '2024-01-21T00:00:00Z', '3.0.0': '2023-12-01T00:00:00Z' };
  const pkg = { ecosystem: 'PyPI' as const, name: 'demo-lib', file: 'pyproject.toml' };
  const result = await fixTimes(
    pkg,
    [
      record('A', '2024-01-01T00:00:00Z', ['1.2.0', '2.0.1']),
      record('B', '2024-01-01T00:00:00Z', ['3.0.0']),
      record('C', undefined, ['1.2.0']),
      record('D', '2024-01-01T00:00:00Z', []),
      record('E', '2024-01-01T00:00:00Z', ['7.7.7']),
      record('F', '2024-01-01T00:00:00Z', ['1.2.0'], { withdrawn: '2024-02-01T00:00:00Z' }),
    ],
    (version) => Promise.resolve(dates[version] ?? null),
  );
  assert.deepEqual(result.measured, [
    { id: 'A', package: 'PyPI:demo-lib', published: '2024-01-01T00:00:00Z', fixed_version: '2.0.1', fixed_at: '2024-01-21T00:00:00Z', days: 20 },
    { id: 'B', package: 'PyPI:demo-lib', published: '2024-01-01T00:00:00Z', fixed_version: '3.0.0', fixed_at: '2023-12-01T00:00:00Z', days: 0 },
  ]);
  assert.deepEqual(result.unmeasured.map((entry) => entry.id), ['C', 'D', 'E']);
  assert.equal(result.unmeasured[2]?.reason, 'the registry gave no release date for 7.7.7');
});
