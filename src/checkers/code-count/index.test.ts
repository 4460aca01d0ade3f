import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeContext, makeRepo } from '../../../test/support/fixtures.js';
import { checker } from './index.js';

void test('code_count (cloc SUM.code) plus lines per language; duplicates counted once', async () => {
  const js = '// entry\nconst a = 1;\n\nmodule.exports = a;\n';
  const repo = await makeRepo({
    'index.js': js,
    'copy/index.js': js, // identical content: cloc counts one of them
    'lib/util.py': '"""Doc."""\n\ndef f():\n    return 1  # one\n',
    'README.md': '# Title\n\ntext\n',
    'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
    'empty.js': '',
  });
  try {
    assert.deepEqual(await checker.run(makeContext(repo.view)), {
      code_count: 6,
      code_count_by_language: {
        JavaScript: { files: 1, blank: 1, comment: 1, code: 2 },
        Markdown: { files: 1, blank: 1, comment: 0, code: 2 },
        Python: { files: 1, blank: 1, comment: 1, code: 2 },
      },
    });
  } finally {
    await repo.cleanup();
  }
});

void test('nothing countable gives {"code_count": 0} like upstream on empty cloc output', async () => {
  const repo = await makeRepo({ LICENSE: 'MIT\n', 'notes.unknownext': 'x\n', 'bin.dat': Buffer.from([0, 1, 2, 3]) });
  try {
    assert.deepEqual(await checker.run(makeContext(repo.view)), { code_count: 0, code_count_by_language: {} });
  } finally {
    await repo.cleanup();
  }
});

void test('files cloc cannot decode still count: latin1 bytes, CRLF line ends, a UTF-8 byte order mark', async () => {
  const repo = await makeRepo({
    'a.c': Buffer.from('/* caf\xe9 */\r\nint x;\r\n\r\n', 'latin1'),
    'b.c': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('int y; // tail\n')]),
  });
  try {
    assert.deepEqual(await checker.run(makeContext(repo.view)), {
      code_count: 2,
      code_count_by_language: { C: { files: 2, blank: 1, comment: 1, code: 2 } },
    });
  } finally {
    await repo.cleanup();
  }
});
