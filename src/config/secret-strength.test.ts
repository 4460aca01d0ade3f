import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { estimatedSecretBits, secretProblem } from './secret-strength.js';
import { isRealJwtSecret } from './schema.js';

test('weak JWT secrets are refused for their predictability, not only their length', () => {
  const weak: Array<[string, RegExp]> = [
    ['aaaaaaaaaaaaaaaa', /too predictable/],
    ['1234567890123456', /too predictable/],
    ['abababababababababababababababab', /too predictable/],
    ['abcabcabcabcabcabcabc', /too predictable/],
    ['0123456789abcdef0123456789abcdef', /too predictable/],
    ['aaaaaaaabbbbbbbb', /too predictable/],
    ['zyxwvutsrqponmlk', /too predictable/],
    ['short-key', /shorter than 16/],
    ['', /empty or a placeholder/],
    ['your_secure_secret_key_here', /empty or a placeholder/],
  ];
  for (const [secret, why] of weak) {
    const problem = secretProblem(secret);
    assert.match(problem ?? 'accepted', why, secret);
    assert.ok(!(problem ?? '').includes(secret) || secret === '', 'the message never quotes the secret');
    assert.equal(isRealJwtSecret(secret), false, secret);
  }
});

test('random secrets of 16 characters and more are accepted', () => {
  for (const secret of ['9f2c1e7a4b8d0c3f6e5a2b1c', 's3cret-value-that-is-long', 'correct-horse-battery-staple']) assert.equal(secretProblem(secret), null, secret);
  // 16 hex digits (64 random bits) is the shortest a random key gets; none of 2,000 draws may be refused.
  for (let i = 0; i < 2000; i++) {
    const hex = randomBytes(8).toString('hex');
    assert.equal(secretProblem(hex), null, `${hex}: ${estimatedSecretBits(hex)} bits`);
    assert.equal(secretProblem(randomBytes(32).toString('base64')), null);
  }
});
