/**
 * Is a configured secret (the JWT key) good enough to sign tokens with? Length alone lets `aaaaaaaaaaaaaaaa`
 * and `1234567890123456` through. Without a dictionary the check estimates the entropy of the text: the Shannon
 * entropy of its characters, and of the steps between consecutive characters (a run like 123456 or abcdef is
 * one repeated step), whichever is lower, times the length. Random strings of 16 characters and more score
 * above 32 bits (16 hex digits: 35 bits at the 0.01th percentile of 100,000 draws); repetitions, two-letter
 * alternations and sequences score below.
 */

export const MIN_SECRET_LENGTH = 16;
export const MIN_SECRET_BITS = 32;

/** Upstream's placeholders and code defaults: "no secret was configured". */
const PLACEHOLDER_SECRETS = new Set(['', 'your_secure_secret_key_here', 'your_secret_key', 'changeme', 'secret']);

export function isPlaceholderSecret(value: string): boolean {
  return PLACEHOLDER_SECRETS.has(value.trim().toLowerCase());
}

function shannonBits<T>(items: readonly T[]): number {
  const counts = new Map<T, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  let perItem = 0;
  for (const count of counts.values()) {
    const p = count / items.length;
    perItem -= p * Math.log2(p);
  }
  return perItem * items.length;
}

/** The estimate described above, in bits. */
export function estimatedSecretBits(value: string): number {
  const codes = [...value].map((char) => char.codePointAt(0) ?? 0);
  const steps = codes.slice(1).map((code, index) => code - (codes[index] ?? 0));
  return Math.min(shannonBits(codes), shannonBits(steps));
}

/** Why the secret must not be used (never quoting it), or null when it is fine. */
export function secretProblem(value: string): string | null {
  const trimmed = value.trim();
  if (isPlaceholderSecret(trimmed)) return 'is empty or a placeholder';
  if (trimmed.length < MIN_SECRET_LENGTH) return `is shorter than ${MIN_SECRET_LENGTH} characters`;
  const bits = estimatedSecretBits(trimmed);
  if (bits < MIN_SECRET_BITS) {
    return `is too predictable (repeated, alternating or sequential characters: about ${Math.floor(bits)} bits of entropy, at least ${MIN_SECRET_BITS} needed)`;
  }
  return null;
}

/** What to do about it, for error messages. */
export const SECRET_ADVICE = 'use a random string of 32 characters or more, e.g. the output of `openssl rand -base64 32`';
