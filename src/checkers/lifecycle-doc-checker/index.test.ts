import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeContext, makeRepo } from '../../../test/support/fixtures.js';
import { checker, isDocsDocument, isNamedDocument } from './index.js';

const file = (path: string): { path: string; lowerName: string } => ({ path, lowerName: (path.split('/').pop() ?? '').toLowerCase() });

void test('which documents are read', () => {
  for (const yes of ['README.md', 'SECURITY.md', '.github/SUPPORT.md', 'CHANGELOG', 'docs/RELEASES.md', 'NEWS.rst', 'README.zh-CN.md']) assert.ok(isNamedDocument(file(yes)), yes);
  for (const no of ['src/README.md', 'security.py', 'release.sh', 'packages/a/CHANGELOG.md']) assert.ok(!isNamedDocument(file(no)), no);
  for (const yes of ['docs/guide/lifecycle.md', 'doc/support.rst', 'Documentation/x.adoc']) assert.ok(isDocsDocument(file(yes)), yes);
  for (const no of ['docs/img/logo.png', 'docs.md', 'src/docs.md']) assert.ok(!isDocsDocument(file(no)), no);
});

void test('a dated end of life and a supported-versions table: has_eol and eol_declared, with the evidence', async (t) => {
  const repo = await makeRepo({
    'README.md': '# demo\n\nA tool.\n',
    'SECURITY.md': '# Security\n\n## Supported Versions\n\n| Version | Supported |\n|---|---|\n| 2.x | yes |\n| 1.x | no |\n',
    'docs/lifecycle.md': '# 生命周期\n\n1.x 版本已于 2024年6月30日 停止维护。\n',
    'src/index.ts': '// end of life 2020-01-01 in code is not documentation\n',
  });
  t.after(() => repo.cleanup());
  const result = (await checker.run(makeContext(repo.view))) as Record<string, unknown>;
  assert.equal(result.has_eol, true);
  assert.equal(result.eol_declared, true);
  assert.deepEqual(result.keywords_found, ['supported versions', '生命周期', '停止维护']);
  const files = result.files as { path: string; line: number; text: string; kind: string }[];
  assert.deepEqual(files[0], { path: 'demo/docs/lifecycle.md', line: 3, text: '1.x 版本已于 2024年6月30日 停止维护。', kind: 'eol-date', keywords: ['停止维护'] });
  assert.ok(files.some((f) => f.path === 'demo/SECURITY.md' && f.kind === 'supported-versions-table' && f.line === 5));
  assert.equal(result.documents_checked, 3);
  assert.deepEqual(Object.keys(result).slice(0, 4), ['has_eol', 'eol_declared', 'keywords_found', 'files'], 'the fields Compass reads come first');
});

void test('only a mention: keywords without a declaration', async (t) => {
  const repo = await makeRepo({ 'CHANGELOG.md': '# Changelog\n\n## 2.0.0\n- We plan an LTS line next year.\n' });
  t.after(() => repo.cleanup());
  const result = (await checker.run(makeContext(repo.view))) as Record<string, unknown>;
  assert.deepEqual([result.has_eol, result.eol_declared, result.keywords_found], [false, false, ['LTS']]);
});

void test('nothing about the lifecycle: false, false and empty lists (a dict Compass reads as 0)', async (t) => {
  const repo = await makeRepo({ 'README.md': '# demo\n\nUse Node.js 16 (end of life) or later.\n', 'src/eol.ts': 'export const EOL = "\\n";\n' });
  t.after(() => repo.cleanup());
  assert.deepEqual(await checker.run(makeContext(repo.view)), { has_eol: false, eol_declared: false, keywords_found: [], files: [], evidence_count: 0, documents_checked: 1 });
});

void test('binary and oversized documents are handled: binary skipped, a large one read only up to the cap', async (t) => {
  const big = `# Notes\n${'filler line\n'.repeat(40_000)}This project is no longer maintained.\n`;
  const repo = await makeRepo({ 'README.md': Buffer.from([0, 1, 2, 255, 0, 69, 79, 76]), 'NEWS.md': big });
  t.after(() => repo.cleanup());
  const result = (await checker.run(makeContext(repo.view))) as Record<string, unknown>;
  assert.deepEqual([result.eol_declared, result.keywords_found], [false, []], 'the statement past 256 KiB is not read');
});

void test('declares a shallow checkout and no network', () => {
  assert.equal(checker.name, 'lifecycle-doc-checker');
  assert.deepEqual(checker.requirements, { checkout: 'shallow' });
});
