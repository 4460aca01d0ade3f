import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeContext, makeRepo } from '../../../test/support/fixtures.js';
import { FsRepoView, type RepoView } from '../../lib/repo/repo-view.js';
import type { Json } from '../types.js';
import { checker } from './index.js';

const POLICY = `# Security Policy

## Reporting a Vulnerability

Please report vulnerabilities privately to security@acme.org or through
https://github.com/acme/demo/security/advisories/new.

We acknowledge reports within 3 days and aim to release a fix within 90 days.
Please keep the issue under embargo until then.
`;

/** What a run without a GitHub token adds: the advisory figures, null with the reason. */
const NO_TOKEN = {
  avg_vuln_close_days: null,
  avg_vulnerability_fix_days: null,
  avg_vuln_close_days_reason: "set [Github] access_key to read the repository's security advisories",
  avg_vulnerability_fix_days_reason: "set [Github] access_key to read the repository's security advisories",
};

async function runOn(files: Record<string, string | Buffer>, view?: (dir: string) => RepoView): Promise<Json> {
  const repo = await makeRepo(files);
  try {
    return await checker.run(makeContext(view ? view(repo.dir) : repo.view));
  } finally {
    await repo.cleanup();
  }
}

void test('a root SECURITY.md (which upstream never found) is analysed and scored 10', async () => {
  assert.deepEqual(await runOn({ 'SECURITY.md': POLICY, 'README.md': '# demo\n' }), {
    file_size: Buffer.byteLength(POLICY),
    urls: ['https://github.com/acme/demo/security/advisories/new'],
    emails: ['security@acme.org'],
    disclosure_keywords: ['vuln', '3 days', '90 days', 'embargo'],
    file: 'demo/SECURITY.md',
    score: 10,
    checks: { present: true, links: true, disclosure: true, text: true },
    ...NO_TOKEN,
  });
});

void test('any spelling and any of the known places is found; .github wins over the root and docs', async () => {
  const table: [Record<string, string>, string][] = [
    [{ '.github/security.md': POLICY, 'SECURITY.md': POLICY, 'docs/SECURITY.rst': POLICY }, 'demo/.github/security.md'],
    [{ 'Security.Markdown': POLICY }, 'demo/Security.Markdown'],
    [{ '.gitee/SECURITY.md': POLICY }, 'demo/.gitee/SECURITY.md'],
    [{ '.gitcode/security.adoc': POLICY }, 'demo/.gitcode/security.adoc'],
    [{ '.gitlab/SECURITY.md': POLICY }, 'demo/.gitlab/SECURITY.md'],
    [{ 'docs/SECURITY.rst': POLICY, 'doc/SECURITY.md': POLICY }, 'demo/docs/SECURITY.rst'],
    [{ 'doc/security.txt': POLICY }, 'demo/doc/security.txt'],
    [{ SECURITY: POLICY }, 'demo/SECURITY'],
  ];
  for (const [files, expected] of table) {
    const result = (await runOn(files)) as Record<string, Json>;
    assert.equal(result.file, expected, JSON.stringify(Object.keys(files)));
    assert.equal(result.score, 10);
  }
});

void test('no policy, or one in another folder: none of the policy keys (upstream\'s {}), only the advisory figures', async () => {
  assert.deepEqual(await runOn({ 'README.md': '# demo\n' }), NO_TOKEN);
  assert.deepEqual(await runOn({ 'src/SECURITY.md': POLICY, 'docs/guide/SECURITY.md': POLICY, 'SECURITY.html': POLICY }), NO_TOKEN);
});

void test('an empty policy is passed over for a non-empty one, and scores 0 when it is all there is', async () => {
  const both = (await runOn({ 'SECURITY.md': '', 'docs/SECURITY.md': POLICY })) as Record<string, Json>;
  assert.equal(both.file, 'demo/docs/SECURITY.md');
  assert.deepEqual(await runOn({ 'SECURITY.md': '' }), {
    file_size: 0,
    urls: [],
    emails: [],
    disclosure_keywords: [],
    file: 'demo/SECURITY.md',
    score: 0,
    checks: { present: true, links: false, disclosure: false, text: false },
    ...NO_TOKEN,
  });
});

void test('a policy that is only a link scores 6; text without contacts scores 3', async () => {
  const onlyLink = (await runOn({ 'SECURITY.md': 'https://example.com/security' })) as Record<string, Json>;
  assert.equal(onlyLink.score, 6);
  assert.deepEqual(onlyLink.checks, { present: true, links: true, disclosure: false, text: false });
  const onlyText = (await runOn({ 'SECURITY.md': 'Please open an issue if you find a problem.\n' })) as Record<string, Json>;
  assert.equal(onlyText.score, 3);
});

void test('binary content does not crash the checker', async () => {
  const garbage = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe, 0x00, 0x40, 0x0a, 0xc3, 0x28, 0x7f]);
  const result = (await runOn({ 'SECURITY.md': garbage })) as Record<string, Json>;
  assert.equal(result.file, 'demo/SECURITY.md');
  assert.equal(result.file_size, garbage.length);
  assert.deepEqual(result.urls, []);
  assert.deepEqual(result.emails, []);
});

void test('a policy above the read cap is analysed from its start and reports its real size', async () => {
  const big = POLICY + 'x'.repeat(4000) + '\nlate@acme.org\n';
  const result = (await runOn({ 'SECURITY.md': big }, (dir) => new FsRepoView(dir, 'demo', { maxReadBytes: 1024 }))) as Record<string, Json>;
  assert.equal(result.file_size, Buffer.byteLength(big));
  assert.deepEqual(result.emails, ['security@acme.org']);
  assert.equal(result.score, 10);
});
