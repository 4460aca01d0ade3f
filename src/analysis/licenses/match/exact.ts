/**
 * Exact matching: the whole text against each rule's hash (ScanCode's `1-hash`), and every occurrence of every
 * rule's complete token sequence inside a text (its `2-aho`).
 *
 * ScanCode runs an Aho-Corasick automaton over the rules. Built in memory that automaton would hold millions of
 * nodes; instead the rules are sorted by their token sequences (a sorted list is a trie laid flat), with the range
 * of rules that start with each token id. From each text position the walk narrows that range one token at a time
 * by binary search, and the rules whose length equals the depth reached are the ones that occur there. The cost
 * is the depth the text shares with some rule, not the number of rules. The sorted order is built with the index.
 */
import { hashTokenIds, type LicenseDb } from '../licensedb-index.js';
import type { Query } from './query.js';

export interface ExactHit {
  readonly rule: number;
  /** Known-token positions [start, end) in the query. */
  readonly start: number;
  readonly end: number;
}

export class ExactIndex {
  /** Matchable rule indices sorted by token sequence. */
  private readonly order: Int32Array;
  /** Range of `order` holding the rules that start with token id t: [firstOf[t], firstOf[t + 1]). */
  private readonly firstOf: Int32Array;
  private readonly byHash = new Map<number, number[]>();

  constructor(
    private readonly db: LicenseDb,
    matchable: (rule: number) => boolean,
  ) {
    const { tokens, ruleStarts } = db;
    // The index stores the rules sorted by token sequence (licensedb-build.ts); only the matchable ones are kept.
    const rules: number[] = [];
    for (const r of db.sequenceOrder) {
      if (!matchable(r)) continue;
      rules.push(r);
      const hash = db.rules[r]?.hash as number;
      const same = this.byHash.get(hash);
      if (same) same.push(r);
      else this.byHash.set(hash, [r]);
    }
    this.order = Int32Array.from(rules);
    this.firstOf = new Int32Array(db.dictionary.length + 1);
    let k = 0;
    for (let t = 0; t <= db.dictionary.length; t++) {
      while (k < this.order.length && (tokens[ruleStarts[this.order[k] as number] as number] as number) < t) k++;
      this.firstOf[t] = k;
    }
  }

  /** Rules whose whole token sequence equals the query's (several when the data holds duplicates). */
  wholeText(query: Query): number[] {
    const candidates = this.byHash.get(hashTokenIds(query.ids));
    if (!candidates) return [];
    return candidates.filter((r) => equalTokens(this.db, r, query.ids));
  }

  /** Every occurrence of every rule in the query's positions [from, to). */
  occurrences(query: Query, from = 0, to = query.ids.length): ExactHit[] {
    const { tokens, ruleStarts } = this.db;
    const ids = query.ids;
    const order = this.order;
    const hits: ExactHit[] = [];
    for (let i = from; i < to; i++) {
      const first = ids[i] as number;
      let lo = this.firstOf[first] as number;
      let hi = this.firstOf[first + 1] as number;
      for (let depth = 1; lo < hi; depth++) {
        // Rules of exactly `depth` tokens sort first in the range: they all occur at i.
        while (lo < hi) {
          const rule = order[lo] as number;
          if ((ruleStarts[rule + 1] as number) - (ruleStarts[rule] as number) !== depth) break;
          hits.push({ rule, start: i, end: i + depth });
          lo++;
        }
        if (lo >= hi || i + depth >= to) break;
        const want = ids[i + depth] as number;
        // Narrow [lo, hi) to the rules whose token at `depth` is `want` (all remaining rules are longer than depth).
        let a = lo;
        let b = hi;
        while (a < b) {
          const mid = (a + b) >>> 1;
          if ((tokens[(ruleStarts[order[mid] as number] as number) + depth] as number) < want) a = mid + 1;
          else b = mid;
        }
        let c = a;
        let d = hi;
        while (c < d) {
          const mid = (c + d) >>> 1;
          if ((tokens[(ruleStarts[order[mid] as number] as number) + depth] as number) <= want) c = mid + 1;
          else d = mid;
        }
        lo = a;
        hi = c;
      }
    }
    return hits;
  }
}

function equalTokens(db: LicenseDb, rule: number, ids: Int32Array): boolean {
  const start = db.ruleStarts[rule] as number;
  const end = db.ruleStarts[rule + 1] as number;
  if (end - start !== ids.length) return false;
  for (let i = 0; i < ids.length; i++) if ((db.tokens[start + i] as number) !== ids[i]) return false;
  return true;
}
