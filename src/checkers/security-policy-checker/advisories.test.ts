import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakePlatform, type FakePlatform } from '../../../test/fakes/platforms.js';
import { makeContext, makeRepo, testConfig, type FixtureRepo } from '../../../test/support/fixtures.js';
import type { Release } from '../../platforms/index.js';
import { advisoryFigures, patchedVersions, tagVersion } from './advisories.js';
import { checker } from './index.js';

const release = (tag: string, publishedAt: string): Release => ({ tag, name: tag, body: '', draft: false, prerelease: false, createdAt: publishedAt, publishedAt, assets: [], archiveUrl: null });
const advisory = (id: string, state: string, created: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ ghsa_id: id, state, created_at: created, published_at: null, closed_at: null, withdrawn_at: null, vulnerabilities: [], ...extra });

void test('patched versions and release tags as versions', () => {
  assert.deepEqual(patchedVersions({ vulnerabilities: [{ patched_versions: '1.1.0, 2.0.3' }, { patched_versions: '>= 1.1.0' }, { patched_versions: null }] }), ['1.1.0', '2.0.3']);
  for (const [tag, version] of [['v1.2.0', '1.2.0'], ['1.2.0', '1.2.0'], ['demo-1.2.0', '1.2.0'], ['demo@1.2.0', '1.2.0'], ['release-v1.2.0', '1.2.0'], ['pkg/sub/v1.2.0', '1.2.0']]) assert.equal(tagVersion(tag as string), version, tag);
});

void test('close time to publication or closing; fix time to the first release with a patched version; others left out', () => {
  const figures = advisoryFigures(
    [
      advisory('GHSA-a', 'published', '2024-01-01T00:00:00Z', { published_at: '2024-01-11T00:00:00Z', vulnerabilities: [{ patched_versions: '1.1.0, 2.0.3' }] }),
      advisory('GHSA-b', 'closed', '2024-02-01T00:00:00Z', { closed_at: '2024-02-04T00:00:00Z' }),
      advisory('GHSA-c', 'published', '2024-03-01T00:00:00Z', { published_at: '2024-03-02T00:00:00Z', vulnerabilities: [{ patched_versions: '9.9.9' }] }),
      advisory('GHSA-d', 'draft', '2024-04-01T00:00:00Z'),
      advisory('GHSA-e', 'published', '2024-05-01T00:00:00Z', { withdrawn_at: '2024-05-02T00:00:00Z', published_at: '2024-05-02T00:00:00Z' }),
    ],
    [release('v2.0.3', '2024-01-05T12:00:00Z'), release('v1.1.0', '2024-01-09T00:00:00Z'), release('v0.9.0', '2023-01-01T00:00:00Z')],
  );
  assert.equal(figures.avg_vuln_close_days, 4.7, '(10 + 3 + 1) / 3');
  assert.equal(figures.avg_vulnerability_fix_days, 4.5, 'GHSA-a fixed by v2.0.3, 4.5 days after it was opened');
  assert.deepEqual(figures.evidence[0], { ghsa_id: 'GHSA-a', state: 'published', created_at: '2024-01-01T00:00:00Z', closed_at: '2024-01-11T00:00:00Z', close_days: 10, patched_versions: ['1.1.0', '2.0.3'], fixed_release: 'v2.0.3', fixed_at: '2024-01-05T12:00:00Z', fix_days: 4.5 });
  assert.deepEqual(figures.evidence.map((entry) => (entry as { ghsa_id: string }).ghsa_id), ['GHSA-a', 'GHSA-b', 'GHSA-c']);
  assert.deepEqual(advisoryFigures([], []), { avg_vuln_close_days: null, avg_vulnerability_fix_days: null, evidence: [] });
});

let github: FakePlatform;
let repo: FixtureRepo;
before(async () => {
  github = await startFakePlatform('github');
  repo = await makeRepo({ 'SECURITY.md': 'Report to security@acme.org.\n' });
});
after(async () => {
  await github.close();
  await repo.cleanup();
});

void test('with a GitHub token: the figures from the repository advisories and releases of the fake API', async () => {
  // The sample advisory: opened 2024-02-20 08:00, published 2024-03-05 09:00 (14.0 days: a leap year), patched in 1.1.0 (v1.1.0 released 2024-03-04 09:20: 13.1 days).
  const config = testConfig({ ...github.env(), OPENCHECKER_GITHUB_ACCESS_KEY: 'gh-token' });
  const result = (await checker.run(makeContext(repo.view, { config, task: { projectUrl: github.projectUrl } }))) as Record<string, unknown>;
  assert.equal(result.avg_vuln_close_days, 14);
  assert.equal(result.avg_vulnerability_fix_days, 13.1);
  assert.equal(result.file, 'demo/SECURITY.md');
  const call = github.requests.find((request) => request.path === '/repos/acme/demo/security-advisories');
  assert.equal(call?.headers.authorization, 'Bearer gh-token');
});

void test('no advisories: null with the reason; an API failure keeps the policy and says why', async () => {
  const config = testConfig({ ...github.env(), OPENCHECKER_GITHUB_ACCESS_KEY: 'gh-token' });
  const saved = github.data.advisories;
  github.data.advisories = [];
  try {
    const result = (await checker.run(makeContext(repo.view, { config, task: { projectUrl: github.projectUrl } }))) as Record<string, unknown>;
    assert.deepEqual([result.avg_vuln_close_days, result.avg_vuln_close_days_reason, result.avg_vulnerability_fix_days_reason], [null, 'no published or closed security advisory', 'no published security advisory']);
  } finally {
    github.data.advisories = saved;
  }
  github.mode = 'unauthorized';
  try {
    const result = (await checker.run(makeContext(repo.view, { config, task: { projectUrl: github.projectUrl } }))) as Record<string, unknown>;
    assert.equal(result.file, 'demo/SECURITY.md');
    assert.match(String(result.avg_vuln_close_days_reason), /^GitHub API: /);
  } finally {
    github.mode = 'ok';
  }
  const gitee = (await checker.run(makeContext(repo.view, { config, task: { projectUrl: 'https://gitee.com/acme/demo' } }))) as Record<string, unknown>;
  assert.equal(gitee.avg_vulnerability_fix_days_reason, 'Gitee has no security advisories API: only GitHub repository advisories are read');
});
