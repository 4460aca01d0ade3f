import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeContext, makeRepo } from '../../../test/support/fixtures.js';
import { checker } from './index.js';

void test('breakdown in Linguist layout: bytes, two-decimal string percentages, repo-relative files', async () => {
  const go = 'package main\n\nfunc main() {}\n';
  const docker = 'FROM alpine:3.20\nRUN echo hi\n';
  const repo = await makeRepo({
    'main.go': go,
    'x_test.go': 'package main\n',
    Dockerfile: docker,
    'README.md': '# prose is not counted\n',
    'data.json': '{"data": "is not counted"}\n',
    'vendor/dep/dep.go': 'package dep\n',
    'docs/example.go': 'package docs\n',
  });
  try {
    const result = await checker.run(makeContext(repo.view));
    const total = Buffer.byteLength(go) + Buffer.byteLength('package main\n') + Buffer.byteLength(docker);
    assert.deepEqual(result, {
      Dockerfile: { size: Buffer.byteLength(docker), percentage: ((Buffer.byteLength(docker) / total) * 100).toFixed(2), files: ['Dockerfile'] },
      Go: {
        size: total - Buffer.byteLength(docker),
        percentage: (((total - Buffer.byteLength(docker)) / total) * 100).toFixed(2),
        files: ['main.go', 'x_test.go'],
      },
    });
  } finally {
    await repo.cleanup();
  }
});

void test('a folder without source code (not even a git repository) gives {}', async () => {
  const repo = await makeRepo({ 'README.md': '# docs only\n', 'LICENSE': 'MIT\n', 'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) });
  try {
    assert.deepEqual(await checker.run(makeContext(repo.view)), {});
  } finally {
    await repo.cleanup();
  }
});

void test('malformed .gitattributes lines and unknown languages are ignored, binary files skipped', async () => {
  const repo = await makeRepo({
    '.gitattributes': '!bad-negation linguist-vendored\n[attr]macro linguist-vendored\n*.py linguist-language=NoSuchLanguage\n\n   \n*.c\n',
    'a.py': 'print(1)\n',
    'b.c': 'int main(void) { return 0; }\n',
    'c.c': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]),
    // UTF-16 without a byte order mark has NUL bytes: Linguist (charlock_holmes) calls it binary and skips it.
    'd.c': Buffer.from('int x;\n', 'utf16le'),
  });
  try {
    assert.deepEqual(await checker.run(makeContext(repo.view)), { C: { size: 29, percentage: '100.00', files: ['b.c'] } });
  } finally {
    await repo.cleanup();
  }
});
