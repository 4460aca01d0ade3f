/**
 * Approximate matching (ScanCode's `3-seq`): for a stretch of text that exact matching did not explain, pick the
 * rules that share most of their rare words with it, then align each of them with the text to find the blocks
 * they have in common, the way a diff does.
 *
 * Candidates come from an inverted index (token id -> rules holding it) built on first use. Words are weighted by
 * rarity (inverse document frequency): sharing "sublicensable" says more than sharing "the", and the commonest
 * words are not looked up at all, which keeps a candidate search to a few thousand additions. A rule is a
 * candidate when the rare words it shares with the stretch make up most of its own rare-word weight.
 *
 * Alignment is a longest-common-block recursion (the algorithm of Python's difflib, written here over token ids in
 * typed arrays): the longest block in common first, then the same on either side of it. It yields matching blocks
 * in order, from which the match's coverage, span and density follow.
 */
import type { LicenseDb } from '../licensedb-index.js';
import { idfOf } from '../licensedb-postings.js';
import type { Query } from './query.js';

/** A candidate holds at least this share of its rare-word weight in the stretch. */
const MIN_CONTAINMENT = 0.45;
const MAX_CANDIDATES = 12;
const PER_EXPRESSION = 4;

export interface Block {
  /** Query position, rule position, length. */
  readonly q: number;
  readonly r: number;
  readonly length: number;
}

export interface SeqHit {
  readonly rule: number;
  readonly blocks: readonly Block[];
  /** Known-token positions [start, end) spanned in the query. */
  readonly start: number;
  readonly end: number;
  /** Tokens in common. */
  readonly matched: number;
}

export class SeqIndex {
  private readonly postingStarts: Uint32Array;
  private readonly postings: Uint32Array;
  private readonly idf: Float64Array;
  private readonly ruleWeight: Float64Array;
  private readonly score: Float64Array;
  private readonly touched: Int32Array;
  /** Scratch per token id: in the current rule (alignment window search). */
  private readonly inRule: Uint8Array;

  constructor(private readonly db: LicenseDb) {
    // The postings are stored in the index (licensedb-postings.ts, built with it); only the idf is computed here.
    const words = db.dictionary.length;
    const ruleCount = db.rules.length;
    this.idf = idfOf(db.docFreq, ruleCount);
    this.postingStarts = db.postings.postingStarts;
    this.postings = db.postings.postings;
    this.ruleWeight = db.postings.ruleWeight;
    this.score = new Float64Array(ruleCount);
    this.touched = new Int32Array(ruleCount);
    this.inRule = new Uint8Array(words);
  }

  /** The best candidate rules for the query's positions [from, to), best first. */
  candidates(query: Query, from: number, to: number, explained?: Uint8Array): number[] {
    const seen = new Set<number>();
    let touchedCount = 0;
    let stretchWeight = 0;
    for (let i = from; i < to; i++) {
      if (explained?.[i]) continue;
      const t = query.ids[i] as number;
      if (seen.has(t)) continue;
      seen.add(t);
      const start = this.postingStarts[t] as number;
      const end = this.postingStarts[t + 1] as number;
      if (start === end) continue;
      const weight = this.idf[t] as number;
      stretchWeight += weight;
      for (let p = start; p < end; p++) {
        const r = this.postings[p] as number;
        if (this.score[r] === 0) this.touched[touchedCount++] = r;
        this.score[r] = (this.score[r] as number) + weight;
      }
    }
    const ranked: { rule: number; rank: number }[] = [];
    for (let k = 0; k < touchedCount; k++) {
      const r = this.touched[k] as number;
      const shared = this.score[r] as number;
      this.score[r] = 0;
      const containment = shared / (this.ruleWeight[r] as number);
      if (containment < MIN_CONTAINMENT) continue;
      // Resemblance (shared over the union) prefers the rule that is the whole stretch; containment times the
      // shared weight prefers big rules found whole inside a bigger stretch. Their product ranks both well.
      const resemblance = shared / (stretchWeight + (this.ruleWeight[r] as number) - shared);
      ranked.push({ rule: r, rank: containment * containment * shared * (0.5 + resemblance) });
    }
    ranked.sort((a, b) => b.rank - a.rank);
    // The data holds hundreds of variants of some texts (BSD, MIT, GPL notices): a few of each expression are
    // enough to align, and the places left go to other expressions (BSD-2-Clause-Views among the BSD-2-Clauses).
    const perExpression = new Map<string, number>();
    const chosen: number[] = [];
    for (const { rule } of ranked) {
      const expression = this.db.rules[rule]?.licenseExpression ?? '';
      const count = perExpression.get(expression) ?? 0;
      if (count >= PER_EXPRESSION) continue;
      perExpression.set(expression, count + 1);
      chosen.push(rule);
      if (chosen.length === MAX_CANDIDATES) break;
    }
    return chosen;
  }

  /**
   * Aligns one rule with the query's positions [from, to): first the window of the stretch (about the rule's
   * length) holding most of the rule's words, then the common blocks inside it. Null when nothing aligns.
   */
  align(query: Query, rule: number, from: number, to: number, explained?: Uint8Array): SeqHit | null {
    const { tokens, ruleStarts } = this.db;
    const rStart = ruleStarts[rule] as number;
    const rLen = (ruleStarts[rule + 1] as number) - rStart;
    for (let i = rStart; i < rStart + rLen; i++) this.inRule[tokens[i] as number] = 1;
    // The densest window of width ~1.5x the rule's length.
    const width = Math.min(to - from, Math.ceil(rLen * 1.5) + 10);
    // Words already explained by an earlier approximate match do not count towards a window.
    const counts = (i: number): number => (explained?.[i] ? 0 : (this.inRule[query.ids[i] as number] as number));
    let inWindow = 0;
    for (let i = from; i < from + width; i++) inWindow += counts(i);
    let best = inWindow;
    let bestStart = from;
    for (let i = from + width; i < to; i++) {
      inWindow += counts(i) - counts(i - width);
      if (inWindow > best) {
        best = inWindow;
        bestStart = i - width + 1;
      }
    }
    for (let i = rStart; i < rStart + rLen; i++) this.inRule[tokens[i] as number] = 0;
    if (best === 0) return null;
    // The stretch chose the window; the alignment may reach past the stretch's ends, where a text's last
    // paragraph may hold no license word ("The views and conclusions ..." of BSD-2-Clause-Views).
    const margin = Math.ceil(rLen / 4);
    const qFrom = Math.max(0, bestStart - margin);
    const qTo = Math.min(query.ids.length, bestStart + width + margin);
    const blocks = trimStrays(matchingBlocks(query.ids, qFrom, qTo, tokens, rStart, rStart + rLen, explained));
    if (blocks.length === 0) return null;
    let matched = 0;
    for (const block of blocks) matched += block.length;
    const first = blocks[0] as Block;
    const last = blocks[blocks.length - 1] as Block;
    return { rule, blocks, start: first.q, end: last.q + last.length, matched };
  }
}

/**
 * Drops short blocks at either end that sit far from the rest: "GNU General Public License" in an LGPL preamble,
 * aligned with the GPL text that follows it, would otherwise stretch the GPL's match over the LGPL and hide it.
 */
function trimStrays(blocks: Block[]): Block[] {
  let total = 0;
  for (const block of blocks) total += block.length;
  // A run of blocks at an end is a stray when it holds under a tenth of the match and a wide gap (over twice its
  // own length, and over 20 words) separates it from the rest.
  const stray = (length: number, gap: number): boolean => length < 0.1 * total && gap > Math.max(20, length * 2);
  let first = 0;
  let prefix = 0;
  for (let k = 0; k < blocks.length - 1; k++) {
    const a = blocks[k] as Block;
    prefix += a.length;
    if (stray(prefix, (blocks[k + 1] as Block).q - (a.q + a.length))) first = k + 1;
  }
  let last = blocks.length - 1;
  let suffix = 0;
  for (let k = blocks.length - 1; k > first; k--) {
    const b = blocks[k] as Block;
    suffix += b.length;
    const a = blocks[k - 1] as Block;
    if (stray(suffix, b.q - (a.q + a.length))) last = k - 1;
  }
  return blocks.slice(first, last + 1);
}

/**
 * Common blocks of a[aFrom, aTo) and b[bFrom, bTo), in order (Python difflib's get_matching_blocks recursion).
 * As difflib does for long sequences, tokens that are very frequent in b (more than 1% of it, in rules of 200
 * tokens and more: "the", "of", "or") are not used to seed a block, only to extend one: without this, every
 * occurrence of "the" in a 5,000-word license pairs with every other, and alignment costs seconds.
 * Rule positions in blocks are relative to bFrom.
 */
function matchingBlocks(a: Int32Array, aFrom: number, aTo: number, b: ArrayLike<number>, bFrom: number, bTo: number, skip?: Uint8Array): Block[] {
  const bLen = bTo - bFrom;
  // Positions of each token in b, as linked lists in typed arrays (b2j in difflib), popular tokens left out.
  const occurrences = new Map<number, number>();
  for (let j = 0; j < bLen; j++) occurrences.set(b[bFrom + j] as number, (occurrences.get(b[bFrom + j] as number) ?? 0) + 1);
  const popular = bLen >= 200 ? Math.floor(bLen / 100) + 1 : Infinity;
  const head = new Map<number, number>();
  const next = new Int32Array(bLen).fill(-1);
  for (let j = bLen - 1; j >= 0; j--) {
    const t = b[bFrom + j] as number;
    if ((occurrences.get(t) as number) > popular) continue;
    const h = head.get(t);
    if (h !== undefined) next[j] = h;
    head.set(t, j);
  }
  let prev = new Int32Array(bLen + 1);
  let cur = new Int32Array(bLen + 1);
  const touchedPrev: number[] = [];
  const touchedCur: number[] = [];

  const longest = (alo: number, ahi: number, blo: number, bhi: number): [number, number, number] => {
    let bi = alo;
    let bj = blo;
    let size = 0;
    touchedPrev.length = 0;
    for (let i = alo; i < ahi; i++) {
      touchedCur.length = 0;
      // Words an earlier match explains pair with nothing: the same text twice must give two matches, not one twice.
      const first = skip?.[i] ? -1 : (head.get(a[i] as number) ?? -1);
      for (let j = first; j !== -1; j = next[j] as number) {
        if (j < blo) continue;
        if (j >= bhi) break;
        const k = (prev[j] as number) + 1;
        cur[j + 1] = k;
        touchedCur.push(j + 1);
        if (k > size) {
          bi = i - k + 1;
          bj = j - k + 1;
          size = k;
        }
      }
      for (const j of touchedPrev) prev[j] = 0;
      const swap = prev;
      prev = cur;
      cur = swap;
      touchedPrev.length = 0;
      for (const j of touchedCur) touchedPrev.push(j);
    }
    for (const j of touchedPrev) prev[j] = 0;
    // Extend the block over equal tokens on both sides, popular ones included.
    while (bi > alo && bj > blo && !skip?.[bi - 1] && a[bi - 1] === b[bFrom + bj - 1]) {
      bi--;
      bj--;
      size++;
    }
    while (bi + size < ahi && bj + size < bhi && !skip?.[bi + size] && a[bi + size] === b[bFrom + bj + size]) size++;
    if (size === 0) {
      // Only popular tokens in common here: pair the first equal ones, so that short gaps still align.
      for (let i = alo; i < ahi && size === 0; i++) {
        if (skip?.[i]) continue;
        for (let j = blo; j < bhi; j++) {
          if (a[i] !== b[bFrom + j]) continue;
          bi = i;
          bj = j;
          size = 1;
          while (bi + size < ahi && bj + size < bhi && !skip?.[bi + size] && a[bi + size] === b[bFrom + bj + size]) size++;
          break;
        }
        if (ahi - alo > 64 || bhi - blo > 64) break;
      }
    }
    return [bi, bj, size];
  };

  const blocks: Block[] = [];
  const stack: [number, number, number, number][] = [[aFrom, aTo, 0, bLen]];
  while (stack.length > 0) {
    const [alo, ahi, blo, bhi] = stack.pop() as [number, number, number, number];
    const [i, j, k] = longest(alo, ahi, blo, bhi);
    if (k === 0) continue;
    blocks.push({ q: i, r: j, length: k });
    if (alo < i && blo < j) stack.push([alo, i, blo, j]);
    if (i + k < ahi && j + k < bhi) stack.push([i + k, ahi, j + k, bhi]);
  }
  blocks.sort((x, y) => x.q - y.q);
  return blocks;
}
