import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasDate, scanDocument, termsOf } from './evaluate.js';

const labels = (line: string, project = ''): string[] => termsOf(line, project).map((t) => t.label);
const kinds = (text: string, project = ''): [number, string][] => scanDocument(text, project).map((e) => [e.line, e.kind]);

void test('terms in English and Chinese; line endings and third-party runtimes are not this project\'s lifecycle', () => {
  const cases: [string, string[]][] = [
    ['Version 2.x reached end-of-life.', ['end of life']],
    ['| 1.x | EOL |', ['EOL']],
    ['We offer Long Term Support (LTS) releases.', ['LTS', 'long-term support']],
    ['See our maintenance policy.', ['maintenance policy']],
    ['This project is no longer maintained.', ['no longer maintained']],
    ['## 支持版本', ['支持版本']],
    ['本项目已停止维护', ['停止维护', '不再维护']],
    ['版本生命周期与维护策略', ['生命周期', '维护策略']],
    ['组件的生命周期钩子', []],
    ['Set EOL to CRLF on Windows checkouts', []],
    ['Node.js 16 is end of life', []],
    ['Runs on Ubuntu 22.04 LTS', []],
    ['the eol variable', []],
  ];
  for (const [line, expected] of cases) assert.deepEqual(labels(line), expected, line);
  // A line naming this project is about this project even with a version after a runtime-like name.
  assert.deepEqual(labels('openssl 1.1.1 reached end of life on 2023-09-11', 'openssl'), ['end of life']);
});

void test('dates in the common forms', () => {
  for (const yes of ['2025-06-30', '2025/6/30', '2024-12', 'June 30, 2025', 'Jun 2025', '30 June 2025', '2025年6月30日', 'Q3 2025']) assert.ok(hasDate(yes), yes);
  for (const no of ['version 2.0.1', 'v1.2.3', 'in 12 months', '2025']) assert.ok(!hasDate(no), no);
});

void test('a dated end of life on a line, or a date under an end-of-life column, is eol-date', () => {
  assert.deepEqual(kinds('Version 1.x reaches end of life on 2025-06-30.'), [[1, 'eol-date']]);
  assert.deepEqual(kinds('1.x 将于 2025年6月30日 停止维护'), [[1, 'eol-date']]);
  const table = ['# Releases', '', '| Version | Released | End of life |', '|---|---|---|', '| 3.x | 2024-01-01 | 2026-01-01 |', '| 2.x | 2022-01-01 | 2024-01-01 |'].join('\n');
  assert.deepEqual(kinds(table), [[3, 'supported-versions-table'], [5, 'eol-date'], [6, 'eol-date']]);
});

void test('a supported-versions table and a lifecycle section declare a lifecycle; GitHub\'s SECURITY.md template does not', () => {
  const security = ['# Security Policy', '', '## Supported Versions', '', '| Version | Supported |', '| ------- | --------- |', '| 2.x | :white_check_mark: |', '| 1.x | :x: |'].join('\n');
  assert.deepEqual(kinds(security), [[3, 'lifecycle-section'], [5, 'supported-versions-table']]);
  const template = [
    '# Security Policy', '', '## Supported Versions', '',
    'Use this section to tell people about which versions of your project are currently being supported with security updates.', '',
    '| Version | Supported          |', '| ------- | ------------------ |', '| 5.1.x   | :white_check_mark: |', '| 5.0.x   | :x:                |', '| 4.0.x   | :white_check_mark: |', '| < 4.0   | :x:                |',
  ].join('\n');
  assert.deepEqual(kinds(template), [[3, 'keyword']], 'only the heading\'s words');
  const policy = ['LTS', '===', '', 'Every even minor release is supported for 18 months.'].join('\n');
  assert.deepEqual(kinds(policy), [[1, 'lifecycle-section']]);
  assert.deepEqual(kinds('## LTS\n## Next'), [[1, 'keyword']], 'an empty section declares nothing');
});

void test('a compatibility table without support words, code blocks and plain text without terms give nothing', () => {
  assert.deepEqual(kinds('| Version | Node |\n|---|---|\n| 2.x | 18 |'), []);
  assert.deepEqual(kinds('```\nEOL 2025-01-01 end of life\n```\nplain text'), []);
  assert.deepEqual(kinds('| `eol-checker` | `{"eol_status": "Y", "eol_time": "2022-04-13"}` |'), [], 'inline code');
  assert.deepEqual(kinds(''), []);
  assert.deepEqual(kinds('\u0000\u0001 garbage | | |\n|---|'), []);
});
