import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifySniff, isExcludedPath, sniffBytes, type FileKind, type Sniff } from './classify.js';
import { samples, textSamples } from './samples.test.js';

async function kindOf(bytes: Buffer): Promise<FileKind> {
  return classifySniff(await sniffBytes(bytes));
}

void test('isExcludedPath skips files below a directory named exactly "test", like upstream\'s find', () => {
  const table: [string, boolean][] = [
    ['test/fixture.bin', true],
    ['src/test/data/blob.bin', true],
    ['a/b/test/c.png', true],
    ['test', false], // a file called test is scanned
    ['src/test', false],
    ['tests/fixture.bin', false],
    ['Test/fixture.bin', false], // find -path is case-sensitive
    ['testdata/x.bin', false],
    ['src/latest/x.bin', false],
  ];
  for (const [path, excluded] of table) assert.equal(isExcludedPath(path), excluded, path);
});

void test('classifySniff: text wins over a recognised format, archives are split from other binaries', () => {
  const table: [Sniff, FileKind][] = [
    [{ format: undefined, binaryContent: false }, 'text'],
    [{ format: undefined, binaryContent: true }, 'binary'],
    [{ format: 'png', binaryContent: true }, 'binary'],
    [{ format: 'zip', binaryContent: true }, 'archive'],
    [{ format: 'tar.gz', binaryContent: true }, 'archive'],
    [{ format: 'mp1', binaryContent: false }, 'text'], // file-type's reading of a UTF-16LE BOM
    [{ format: 'xml', binaryContent: false }, 'text'],
    [{ format: 'zip', binaryContent: false }, 'text'],
    [{ format: 'pdf', binaryContent: false }, 'binary'],
    [{ format: 'pdf', binaryContent: true }, 'binary'],
  ];
  for (const [sniff, kind] of table) assert.equal(classifySniff(sniff), kind, JSON.stringify(sniff));
});

void test('executables, images, fonts, databases, bytecode and PDFs are binary files', async () => {
  for (const name of ['png', 'jpeg', 'gif', 'ico', 'webp', 'elf', 'pe', 'macho', 'javaClass', 'pyc', 'sqlite', 'woff2', 'pdfAscii'] as const) {
    assert.equal(await kindOf(samples[name]), 'binary', name);
  }
});

void test('zip, gzip, bzip2, xz, 7z, zstd, rar, rpm, cab and deb are archives', async () => {
  for (const name of ['zip', 'gzip', 'bzip2', 'xz', 'sevenZip', 'zstd', 'rar', 'rpm', 'cab', 'deb'] as const) {
    assert.equal(await kindOf(samples[name]), 'archive', name);
  }
});

void test('text is never binary: JSON, SVG, XML, BOMs, UTF-16, minified JS, printable magic numbers, empty', async () => {
  for (const [name, bytes] of Object.entries(textSamples)) {
    assert.equal(await kindOf(bytes), 'text', name);
  }
});

void test('a head cut in the middle of an archive still classifies (the reader only sees the first bytes)', async () => {
  assert.equal(await kindOf(samples.zip.subarray(0, 40)), 'archive');
  assert.equal(await kindOf(samples.gzip.subarray(0, 12)), 'archive');
});
