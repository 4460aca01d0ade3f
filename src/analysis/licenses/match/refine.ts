/**
 * From every match found to the ones reported, as ScanCode refines its matches:
 * - approximate matches must cover enough of their rule (the rule's `minimum_coverage`, else a threshold by rule
 *   length: short rules must match nearly whole), hold every `{{required}}` phrase whole, be one block when the
 *   rule is continuous, and be dense enough (not words scattered over a long stretch);
 * - of matches over the same words, the one that explains more words wins (then coverage, then exactness), and a
 *   match inside a bigger one is dropped, so a notice quoted inside a full license text does not count twice;
 * - a false-positive rule that wins its place removes itself and what it covered: it exists to say "these words
 *   are not a license".
 */
import type { LicenseDb } from '../licensedb-index.js';
import type { Block } from './seq.js';

export type Matcher = '1-hash' | '1-spdx-id' | '2-aho' | '3-seq' | '6-unknown';

export interface Candidate {
  /** Rule index, or -1 for an SPDX-License-Identifier tag. */
  readonly rule: number;
  readonly matcher: Matcher;
  /** Known-token positions [start, end) in the query. */
  readonly start: number;
  readonly end: number;
  /** Tokens in common with the rule. */
  readonly matched: number;
  /** Tokens of the rule (the tag's own for `1-spdx-id`). */
  readonly ruleLength: number;
  readonly expression: string;
  readonly relevance: number;
  readonly isFalsePositive: boolean;
  readonly blocks?: readonly Block[];
  /** The tag's text, for `1-spdx-id`. */
  readonly tag?: string;
}

// Where a rule and an SPDX tag explain the same words, the rule wins: the data has rules for the odd tags people
// write (`SPDX-License-Identifier: GPL 2.0+ BSD-3-Clause`) that the tag grammar alone gets wrong.
const MATCHER_RANK: Record<Matcher, number> = { '1-hash': 0, '2-aho': 1, '1-spdx-id': 2, '3-seq': 3, '6-unknown': 4 };

/** Share (percent) of its rule an approximate match must cover, when the rule sets no `minimum_coverage`. */
export function defaultMinimumCoverage(ruleLength: number): number {
  // A short rule matched in part is too weak a sign (four words of a badge URL); matched whole with other words
  // in between ("licensed under the MIT (see below) license") it stands.
  if (ruleLength < 20) return 100;
  if (ruleLength < 50) return 65;
  if (ruleLength < 200) return 50;
  return 30;
}

/** ScanCode derives a rule's relevance from its length when the data gives none: 18 tokens and more is 100. */
export function relevanceOf(db: LicenseDb, rule: number): number {
  const data = db.rules[rule];
  if (!data) return 100;
  if (data.relevance !== null) return data.relevance;
  return Math.min(100, Math.round((data.tokens.length * 100) / 18));
}

export function coverageOf(candidate: Candidate): number {
  return candidate.ruleLength === 0 ? 0 : (candidate.matched * 100) / candidate.ruleLength;
}

/** Whether an approximate match is good enough to compete at all. */
export function acceptableSeq(db: LicenseDb, candidate: Candidate): boolean {
  const rule = db.rules[candidate.rule];
  const blocks = candidate.blocks;
  if (!rule || !blocks) return false;
  const minimum = rule.minimumCoverage > 0 ? rule.minimumCoverage : defaultMinimumCoverage(candidate.ruleLength);
  if (coverageOf(candidate) < minimum) return false;
  if (candidate.matched < 0.5 * (candidate.end - candidate.start)) return false;
  if (rule.isContinuous && blocks.length > 1) return false;
  for (const [from, to] of rule.required) {
    if (!blocks.some((block) => block.r <= from && block.r + block.length >= to)) return false;
  }
  return namesMatched(db, candidate.rule, blocks);
}

/** Words of license names that say nothing about which license (shared by many names, or numbers). */
const GENERIC_NAME_WORDS = new Set([
  'license', 'licence', 'licensed', 'licenses', 'version', 'v', 'public', 'general', 'gnu', 'the', 'of', 'and', 'or', 'for',
  'software', 'free', 'source', 'open', 'common', 'with', 'exception', 'plus', 'only', 'later', 'any', 'new', 'simplified',
  'agreement', 'terms', 'conditions', 'notice', 'copyright', 'generic', 'unknown', 'other', 'style', 'like', 'variant',
  'clause', 'modified', 'original', 'revised', 'international', 'unported', 'attribution', 'a', 'an', 'to', 'in', 'by',
]);

const nameWordsCache = new Map<string, Set<number>>();

/** Token ids of the distinctive words of a license's key and names ("apache" for apache-2.0). */
function nameWords(db: LicenseDb, key: string): Set<number> {
  let words = nameWordsCache.get(key);
  if (words) return words;
  words = new Set<number>();
  const license = db.license(key);
  for (const word of `${key} ${license?.shortName ?? ''} ${license?.name ?? ''}`.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (word.length < 2 || /^\d/.test(word) || GENERIC_NAME_WORDS.has(word)) continue;
    const id = db.tokenId(word);
    if (id !== undefined) words.add(id);
  }
  nameWordsCache.set(key, words);
  return words;
}

/**
 * An approximate match must hold, for each license its rule names, one of the words that name it where the rule
 * has one: a notice of "Eclipse Public License v1.0 and Apache License v2.0" matched without "Apache" is not
 * evidence of Apache-2.0. (ScanCode marks such words as required phrases in many rules; this applies the same
 * idea to the rules that do not mark them.)
 */
function namesMatched(db: LicenseDb, rule: number, blocks: readonly Block[]): boolean {
  const data = db.rules[rule];
  if (!data) return false;
  const tokens = data.tokens;
  for (const key of new Set(data.licenseExpression.split(/[\s()]+/).filter((k) => k && !/^(?:and|or|with)$/i.test(k)))) {
    const names = nameWords(db, key);
    if (names.size === 0) continue;
    let present = false;
    let matched = false;
    let b = 0;
    for (let i = 0; i < tokens.length && !matched; i++) {
      if (!names.has(tokens[i] as number)) continue;
      present = true;
      while (b < blocks.length && (blocks[b] as Block).r + (blocks[b] as Block).length <= i) b++;
      const block = blocks[b];
      if (block && block.r <= i) matched = true;
    }
    if (present && !matched) return false;
  }
  return true;
}

/**
 * Matches that explain about as many words (within ~2.5%) are ranked by coverage next: a license text matched at
 * 145 of its 159 words beats a variant with two words more ("Permission is hereby NOT granted") matched at 146 of
 * 163, which the raw count would prefer.
 */
function sizeClass(matched: number): number {
  return Math.round(Math.log(matched) * 40);
}

/**
 * A partial approximate match over words that exact matches mostly explain already adds a guess, not evidence:
 * "made available under the terms of the Eclipse Public License v2.0" is an intro and a license name, both exact,
 * and must not become the two-thirds of a notice for "EPL-2.0 and the Eclipse Distribution License".
 */
function weakerThanExact(candidate: Candidate, exact: Uint8Array): boolean {
  if (candidate.matcher !== '3-seq' || coverageOf(candidate) >= WEAK_SEQ_COVERAGE) return false;
  let explained = 0;
  for (let i = candidate.start; i < candidate.end; i++) explained += exact[i] as number;
  return explained >= 0.6 * candidate.matched;
}

const WEAK_SEQ_COVERAGE = 70;

/** Better match first: more words explained (by size class), then coverage, words, false positives, exactness. */
export function compareMatches(a: Candidate, b: Candidate): number {
  return (
    sizeClass(b.matched) - sizeClass(a.matched) ||
      coverageOf(b) - coverageOf(a) ||
      b.matched - a.matched ||
      Number(b.isFalsePositive) - Number(a.isFalsePositive) ||
      MATCHER_RANK[a.matcher] - MATCHER_RANK[b.matcher] ||
      b.relevance - a.relevance ||
      a.start - b.start ||
      a.rule - b.rule
  );
}

/** The matches that explain the text, in text order; false positives have removed themselves. */
export function selectMatches(candidates: readonly Candidate[], queryLength: number): Candidate[] {
  const exact = new Uint8Array(queryLength);
  for (const candidate of candidates) if (candidate.matcher !== '3-seq' && !candidate.isFalsePositive) exact.fill(1, candidate.start, candidate.end);
  const ordered = [...candidates].filter((candidate) => !weakerThanExact(candidate, exact)).sort(compareMatches);

  const taken = new Uint8Array(queryLength);
  const kept: Candidate[] = [];
  for (const candidate of ordered) {
    const span = candidate.end - candidate.start;
    let overlap = 0;
    for (let i = candidate.start; i < candidate.end; i++) overlap += taken[i] as number;
    // Inside what is already explained, or mostly over it: another match explains these words better.
    if (overlap === span || overlap * 2 > span) continue;
    kept.push(candidate);
    taken.fill(1, candidate.start, candidate.end);
  }
  return kept.filter((candidate) => !candidate.isFalsePositive).sort((a, b) => a.start - b.start || a.end - b.end);
}
