import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError } from '../config/load.js';
import { embeddedJwtSecret } from './secrets.js';

test('up: a weak configured JWT secret is refused with a clear message, never replaced silently', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oc-jwt-'));
  try {
    for (const weak of ['aaaaaaaaaaaaaaaa', '1234567890123456', 'too-short']) {
      assert.throws(
        () => embeddedJwtSecret(weak, dir),
        (err: unknown) => err instanceof ConfigError && /\[JWT\] secret_key/.test(err.message) && /openssl rand/.test(err.message) && !err.message.includes(weak),
        weak,
      );
    }
    assert.deepEqual(embeddedJwtSecret('9f2c1e7a4b8d0c3f6e5a2b1c', dir), { secret: '9f2c1e7a4b8d0c3f6e5a2b1c', generated: false });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('up: the generated JWT secret file is 0600 with a umask of 000, and an older 0644 one is narrowed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oc-jwt-'));
  const previous = process.umask(0o000);
  try {
    const first = embeddedJwtSecret('', dir);
    assert.equal(first.generated, true);
    const file = join(dir, 'jwt-secret');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    chmodSync(file, 0o644);
    const again = embeddedJwtSecret('your_secure_secret_key_here', dir);
    assert.deepEqual(again, { secret: first.secret, generated: false });
    assert.equal(statSync(file).mode & 0o777, 0o600);
    // A weak kept secret (written by hand) is replaced by a generated one, in a 0600 file.
    writeFileSync(file, 'aaaaaaaaaaaaaaaa\n', { mode: 0o644 });
    const replaced = embeddedJwtSecret('', dir);
    assert.equal(replaced.generated, true);
    assert.equal(readFileSync(file, 'utf8').trim(), replaced.secret);
    assert.equal(statSync(file).mode & 0o777, 0o600);
  } finally {
    process.umask(previous);
    rmSync(dir, { recursive: true, force: true });
  }
});
