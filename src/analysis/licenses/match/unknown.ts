/**
 * License-like text that no rule matches (ScanCode's `6-unknown` matcher, written from its documentation): a stretch
 * of license words with no match in it is reported as `unknown` when enough of its six-word sequences occur in the
 * LicenseDB's texts. Prose that merely talks about licenses shares few six-word sequences with license texts; a
 * custom license written in license language shares many.
 *
 * The six-word sequences of every rule are kept as a Bloom filter (8 MiB, two hashes, ~1.5% false hits at the
 * data's ~4 million sequences), built on first use: a set of the sequences themselves would take ~150 MB.
 */
import type { LicenseDb } from '../licensedb-index.js';

const N = 6;
const BITS = 1 << 26;

export class NgramFilter {
  private readonly bits = new Uint32Array(BITS / 32);

  constructor(db: LicenseDb, matchable: (rule: number) => boolean) {
    const { tokens, ruleStarts } = db;
    for (let r = 0; r + 1 < ruleStarts.length; r++) {
      if (!matchable(r) || db.rules[r]?.isFalsePositive) continue;
      const end = ruleStarts[r + 1] as number;
      for (let i = ruleStarts[r] as number; i + N <= end; i++) this.add(hashes(tokens, i));
    }
  }

  private add([a, b]: [number, number]): void {
    this.bits[a >>> 5] = (this.bits[a >>> 5] as number) | (1 << (a & 31));
    this.bits[b >>> 5] = (this.bits[b >>> 5] as number) | (1 << (b & 31));
  }

  /** Whether the six words at ids[i] may be a sequence of some rule. */
  has(ids: ArrayLike<number>, i: number): boolean {
    const [a, b] = hashes(ids, i);
    return ((this.bits[a >>> 5] as number) & (1 << (a & 31))) !== 0 && ((this.bits[b >>> 5] as number) & (1 << (b & 31))) !== 0;
  }
}

/** Two independent 26-bit hashes of the six ids at i (FNV-1a with two seeds). */
function hashes(ids: ArrayLike<number>, i: number): [number, number] {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x9e3779b9;
  for (let k = i; k < i + N; k++) {
    const id = ids[k] as number;
    h1 = Math.imul(h1 ^ id, 0x01000193);
    h2 = Math.imul(h2 ^ id, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return [(h1 >>> 0) & (BITS - 1), (h2 >>> 0) & (BITS - 1)];
}

/** A stretch [start, end) is license-like when this share of its six-word sequences, and at least MIN_HITS, are. */
const SHARE = 0.5;
const MIN_HITS = 12;

/**
 * The part of the stretch [from, to) of ids that reads as license text, or null: from the first to the last
 * position whose six words occur in the data, when they are many and dense enough.
 */
export function licenseLike(filter: NgramFilter, ids: Int32Array, from: number, to: number): [number, number] | null {
  let hits = 0;
  let first = -1;
  let last = -1;
  for (let i = from; i + N <= to; i++) {
    if (!filter.has(ids, i)) continue;
    hits++;
    if (first < 0) first = i;
    last = i;
  }
  if (hits < MIN_HITS || first < 0) return null;
  const span = last + N - first;
  return hits >= SHARE * (span - N + 1) ? [first, last + N] : null;
}
