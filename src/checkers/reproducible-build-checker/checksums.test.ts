import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseChecksumFile } from './checksums.js';

const SHA256_A = 'a'.repeat(64);
const SHA256_B = 'B'.repeat(64);
const SHA512 = 'c'.repeat(128);

void test('GNU lines, binary-mode stars, folders and comments', () => {
  const text = `# generated\n${SHA256_A}  demo-1.0.0.tar.gz\n${SHA256_B} *dist/demo-1.0.0.zip\n\nnot a line\n${SHA512}  demo.whl\n`;
  assert.deepEqual(parseChecksumFile('SHA256SUMS', text), [
    { name: 'demo-1.0.0.tar.gz', algorithm: 'sha256', digest: SHA256_A },
    { name: 'demo-1.0.0.zip', algorithm: 'sha256', digest: SHA256_B.toLowerCase() },
    { name: 'demo.whl', algorithm: 'sha512', digest: SHA512 },
  ]);
});

void test('BSD tag lines', () => {
  assert.deepEqual(parseChecksumFile('checksums.txt', `SHA256 (demo.tar.gz) = ${SHA256_A}\nSHA512 (demo.zip) = ${SHA512}\nMD5 (x) = ${'d'.repeat(32)}\n`), [
    { name: 'demo.tar.gz', algorithm: 'sha256', digest: SHA256_A },
    { name: 'demo.zip', algorithm: 'sha512', digest: SHA512 },
    { name: 'x', algorithm: 'md5', digest: 'd'.repeat(32) },
  ]);
});

void test('one file per artifact: the digest alone names the artifact by the checksum file name', () => {
  assert.deepEqual(parseChecksumFile('demo-1.0.0.tar.gz.sha256', `${SHA256_A}\n`), [{ name: 'demo-1.0.0.tar.gz', algorithm: 'sha256', digest: SHA256_A }]);
  assert.deepEqual(parseChecksumFile('demo.jar.sha512', `${SHA512}  demo.jar\n`), [{ name: 'demo.jar', algorithm: 'sha512', digest: SHA512 }]);
  assert.deepEqual(parseChecksumFile('SHA256SUMS', `${SHA256_A}\n`), [], 'a bare digest in an aggregate list names nothing');
});

void test('malformed input gives nothing rather than a wrong digest', () => {
  assert.deepEqual(parseChecksumFile('SHA256SUMS', 'xyz  demo\n1234  short\n<html>not found</html>\n'), []);
});
