import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { makeContext, makeRepo, writeFiles } from '../../../test/support/fixtures.js';
import { checker } from './index.js';
import { noise, samples, textSamples, zipOf } from '../../analysis/binaries/samples.test.js';

const sourceFiles = {
  'README.md': '# demo\n',
  'package.json': '{"name": "demo", "version": "1.0.0"}\n',
  'data.json': '[1, 2, 3]\n', // upstream's `file --mime-type` called JSON application/json: a false positive
  'assets/logo.svg': textSamples.svg,
  'docs/notes-utf16.txt': textSamples.utf16leBom,
  'empty.txt': '',
  'dist/app.min.js': textSamples.minifiedJs,
  'pom.xml': textSamples.xml,
};

void test('binary files and archives are found by content and listed apart, sorted, with the repo name', async () => {
  const repo = await makeRepo(sourceFiles, { git: true });
  try {
    // Real archives of the committed sources, as git writes them.
    await mkdir(join(repo.dir, 'release'));
    repo.git('archive', '--format=zip', '-o', join(repo.dir, 'release/source.zip'), 'HEAD');
    repo.git('archive', '--format=tar', '-o', join(repo.dir, 'release/source.tar'), 'HEAD');
    await writeFiles(repo.dir, {
      'release/source.tgz': gzipSync(await readFile(join(repo.dir, 'release/source.tar'))),
      'vendor/tool-1.0-py3-none-any.whl': zipOf('tool/__init__.py', Buffer.from('print("hi")\n')),
      'bin/tool': samples.elf, // no extension: content decides
      'assets/logo.png': samples.png,
      'assets/photo.txt': samples.jpeg, // misleading extension
      'lib/Main.class': samples.javaClass,
      'lib/native.dll': samples.pe,
      'name with spaces.png': samples.png, // upstream's word-split loop lost these
      'tests/blob.bin': noise(256), // "tests" is not "test": scanned
      'test/fixture.bin': samples.elf, // below test/: excluded like upstream
      'src/test/resources/image.png': samples.png,
    });
    const result = await checker.run(makeContext(repo.view));
    assert.deepEqual(result, {
      binary_file_list: [
        'demo/assets/logo.png',
        'demo/assets/photo.txt',
        'demo/bin/tool',
        'demo/lib/Main.class',
        'demo/lib/native.dll',
        'demo/name with spaces.png',
        'demo/tests/blob.bin',
      ],
      binary_archive_list: [
        'demo/release/source.tar',
        'demo/release/source.tgz',
        'demo/release/source.zip',
        'demo/vendor/tool-1.0-py3-none-any.whl',
      ],
    });
  } finally {
    await repo.cleanup();
  }
});

void test('a repository of text gives two empty lists', async () => {
  const repo = await makeRepo({ ...sourceFiles, 'src/index.ts': 'export const x = 1;\n' });
  try {
    assert.deepEqual(await checker.run(makeContext(repo.view)), { binary_file_list: [], binary_archive_list: [] });
  } finally {
    await repo.cleanup();
  }
});

void test('the .git folder is not scanned', async () => {
  const repo = await makeRepo({ 'README.md': '# demo\n' }, { git: true });
  try {
    // git's object store is zlib data: it must not show up.
    assert.deepEqual(await checker.run(makeContext(repo.view)), { binary_file_list: [], binary_archive_list: [] });
  } finally {
    await repo.cleanup();
  }
});

void test('a file that disappears after listing is skipped, the others still reported', async () => {
  const repo = await makeRepo({ 'a.png': samples.png, 'b.png': samples.png });
  try {
    await repo.view.files(); // listed now, like a shared walk done by an earlier checker
    await rm(join(repo.dir, 'a.png'));
    assert.deepEqual(await checker.run(makeContext(repo.view)), { binary_file_list: ['demo/b.png'], binary_archive_list: [] });
  } finally {
    await repo.cleanup();
  }
});

void test('an aborted command stops with the abort reason', async () => {
  const repo = await makeRepo({ 'a.png': samples.png });
  try {
    const controller = new AbortController();
    controller.abort(new Error('binary-checker timed out after 1 s'));
    await assert.rejects(checker.run(makeContext(repo.view, { signal: controller.signal })), /timed out/);
  } finally {
    await repo.cleanup();
  }
});
