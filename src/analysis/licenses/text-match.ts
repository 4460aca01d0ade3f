/**
 * Full-text matching against the corpus: the exact matcher (same word set) and licensee's Sørensen–Dice
 * matcher with its 98% threshold. Dice compares word sets; the similarity carries licensee's small penalty for
 * a difference in length so that a short text never matches a long license. Candidates are preselected by word
 * count: a similarity of at least 98 is impossible when the word counts differ by more than about 4%. When the
 * plain comparison falls short, a header of a few words before the license's first words (on either side) may
 * be left out of it (alignedSimilarity): the normaliser strips titles and copyright statements, but not the
 * second line of a statement (an address, more years) nor a subtitle it cannot tell from license text.
 */
import { getCorpus, type CorpusLicense } from './corpus.js';
import { normalizeLicenseText, wordSet } from './normalize.js';

/** licensee's CONFIDENCE_THRESHOLD. */
export const DICE_THRESHOLD = 98;

/**
 * The per-file scan's threshold: upstream ran ScanCode with `--license-score 90`, which keeps matches scoring
 * 90 or more; the Dice similarity plays the part of ScanCode's score here.
 */
export const SCAN_THRESHOLD = 90;

export interface TextMatch {
  readonly license: CorpusLicense;
  readonly matcher: 'exact' | 'dice';
  /** 100 for exact matches, the Dice similarity (0-100) otherwise. */
  readonly confidence: number;
  /** Share of the license's words found in the text, 0-1 (ScanCode's match_coverage / 100). */
  readonly coverage: number;
}

export interface PreparedText {
  readonly normalized: string;
  readonly words: ReadonlySet<string>;
}

export function prepareText(text: string): PreparedText {
  const normalized = normalizeLicenseText(text, { titles: getCorpus().titles });
  return { normalized, words: wordSet(normalized) };
}

/** licensee's License#similarity(file): word overlap as a percentage, minus a length-difference penalty. */
export function similarity(license: CorpusLicense, text: PreparedText): number {
  return dice(license.words, license.normalized.length, text.words, text.normalized.length, license.fields);
}

function dice(a: ReadonlySet<string>, aLength: number, b: ReadonlySet<string>, bLength: number, fields: number): number {
  let overlap = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const word of small) if (large.has(word)) overlap++;
  const total = a.size + b.size;
  const delta = Math.max(0, Math.abs(aLength - bLength) - fields * 4);
  return (overlap * 200) / (total + delta / 4);
}

/**
 * Header lines the normaliser could not tell from license text: a copyright statement's second line (an
 * address, more years), a subtitle, a holder's name without a date. licensee drops whole lines at the top; here
 * the text and the license are aligned on their first words instead, and up to HEADER_WORDS words before the
 * alignment (at most a quarter of the license) are left out of the comparison, on either side.
 */
const HEADER_WORDS = 40;
const ALIGN_WORDS = 6;
const LICENSING_WORDS = /\b(?:licen[cs]\w*|released|permission|permitted|terms|granted|copyleft|public domain|spdx)\b/;

/** A text's first ALIGN_WORDS words (with the space after them), and its header's word starts. */
interface Head {
  /** The first ALIGN_WORDS words, or null when the text is shorter. */
  readonly first: string | null;
  /** The header: the text up to its (HEADER_WORDS + 1)th word. */
  readonly region: string;
  /** Offset of each word start in the header (index = word position). */
  readonly starts: readonly number[];
  /** Word sets and lengths of the text from a word start on, made when an alignment needs them. */
  readonly rests: Map<number, { words: ReadonlySet<string>; length: number }>;
}

const heads = new WeakMap<object, Head>();

function headOf(key: object, normalized: string): Head {
  let head = heads.get(key);
  if (!head) {
    const starts = [0];
    let first: string | null = null;
    for (let i = normalized.indexOf(' '); i !== -1 && starts.length <= HEADER_WORDS + ALIGN_WORDS; i = normalized.indexOf(' ', i + 1)) {
      if (starts.length === ALIGN_WORDS) first = normalized.slice(0, i + 1);
      starts.push(i + 1);
    }
    const region = normalized.slice(0, starts[Math.min(starts.length - 1, HEADER_WORDS + ALIGN_WORDS)]);
    head = { first, region, starts: starts.slice(0, HEADER_WORDS + 1), rests: new Map() };
    heads.set(key, head);
  }
  return head;
}

/** Where `needle`'s first words start in `haystack`'s header, as a word position (1..maxWords), or null. */
function alignAt(haystack: Head, needle: Head, maxWords: number): number | null {
  if (!needle.first) return null;
  const at = haystack.region.indexOf(needle.first);
  if (at <= 0) return null;
  const position = haystack.starts.indexOf(at);
  return position > 0 && position <= maxWords ? position : null;
}

function restOf(head: Head, normalized: string, position: number): { words: ReadonlySet<string>; length: number } {
  const offset = head.starts[position] as number;
  let rest = head.rests.get(offset);
  if (!rest) {
    const text = normalized.slice(offset);
    rest = { words: wordSet(text), length: text.length };
    head.rests.set(offset, rest);
  }
  return rest;
}

/** The similarity with a header left out on the side that has one, or 0 when neither starts the other. */
function alignedSimilarity(license: CorpusLicense, text: PreparedText): number {
  const maxWords = Math.min(HEADER_WORDS, Math.floor(license.wordCount / 4));
  if (maxWords < 1) return 0;
  const textHead = headOf(text, text.normalized);
  const licenseHead = headOf(license, license.normalized);
  const inText = alignAt(textHead, licenseHead, maxWords);
  // A text's own header must not speak of licensing: "This software is released under the MIT license:"
  // before a license text makes a statement licensee does not take as a copy of the license, nor do we.
  if (inText !== null && !LICENSING_WORDS.test(text.normalized.slice(0, textHead.starts[inText]))) {
    const rest = restOf(textHead, text.normalized, inText);
    return dice(license.words, license.normalized.length, rest.words, rest.length, license.fields);
  }
  const inLicense = alignAt(licenseHead, textHead, maxWords);
  if (inLicense !== null) {
    const rest = restOf(licenseHead, license.normalized, inLicense);
    return dice(rest.words, rest.length, text.words, text.normalized.length, license.fields);
  }
  return 0;
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const word of a) if (!b.has(word)) return false;
  return true;
}

/** Index of the first license with at least `count` words (byWordCount is sorted ascending). */
function lowerBound(list: readonly CorpusLicense[], count: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as CorpusLicense).wordCount < count) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Licenses whose Dice similarity could reach the threshold, by word count alone: overlap <= min(n, m), so
 * 200*min(n, m) >= threshold*(n + m) bounds m to [n*t/(200-t), n*(200-t)/t]. `aligned`: also the licenses a
 * left-out header (alignedSimilarity, up to HEADER_WORDS words either way) could bring in reach.
 */
function candidates(n: number, threshold: number, aligned: boolean): CorpusLicense[] {
  const { byWordCount } = getCorpus();
  const slack = aligned ? HEADER_WORDS : 0;
  const lo = Math.floor((Math.max(0, n - slack) * threshold) / (200 - threshold));
  const hi = Math.ceil(((n + slack) * (200 - threshold)) / threshold);
  const out: CorpusLicense[] = [];
  for (let i = lowerBound(byWordCount, lo); i < byWordCount.length; i++) {
    const license = byWordCount[i] as CorpusLicense;
    if (license.wordCount > hi) break;
    out.push(license);
  }
  return out;
}

// licensee: "CC-NC and CC-ND are not open source licenses and should not be detected as CC-BY or CC-BY-SA".
const CC_FALSE_POSITIVE = /^(creative commons )?Attribution-(NonCommercial|NoDerivatives)/i;

/** The best full-text match of a text at or above the threshold, or null. */
export function matchLicenseText(text: string | PreparedText, threshold = DICE_THRESHOLD, raw?: string): TextMatch | null {
  const prepared = typeof text === 'string' ? prepareText(text) : text;
  if (prepared.words.size < 5) return null;
  const n = prepared.words.size;
  const pool = candidates(n, threshold, true);
  // Word sets ignore order and dots ("2.2" and "2.2.1" give the same words): among licenses with the text's
  // word set, the one closest in length (the identical text first) is the match.
  let exact: CorpusLicense | null = null;
  for (const license of pool) {
    if (license.wordCount !== n || !sameSet(license.words, prepared.words)) continue;
    const distance = Math.abs(license.normalized.length - prepared.normalized.length);
    if (!exact || distance < Math.abs(exact.normalized.length - prepared.normalized.length)) exact = license;
  }
  if (exact) return { license: exact, matcher: 'exact', confidence: 100, coverage: 1 };
  const ccFalsePositive = CC_FALSE_POSITIVE.test((raw ?? (typeof text === 'string' ? text : '')).trim());
  const scored: TextMatch[] = [];
  for (const license of pool) {
    if (ccFalsePositive && license.creativeCommons) continue;
    // Outside the plain word-count bounds only a left-out header can reach the threshold.
    const m = license.wordCount;
    let score = 200 * Math.min(n, m) >= threshold * (n + m) ? similarity(license, prepared) : 0;
    if (score < threshold) score = Math.max(score, alignedSimilarity(license, prepared));
    if (score >= threshold) scored.push({ license, matcher: 'dice', confidence: score, coverage: coverage(license, prepared) });
  }
  // A variant that adds a sentence the text lacks (JSON's "shall be used for Good, not Evil" over MIT) can
  // still score higher on the whole set; the license whose own words are all present is the better answer,
  // so candidates rank by coverage of the license's words first (to half a percent), then by similarity.
  scored.sort((a, b) => Math.round(b.coverage * 200) - Math.round(a.coverage * 200) || b.confidence - a.confidence);
  return scored[0] ?? null;
}

/** The share of a license's words found in the text (0-1): ScanCode's match_coverage. */
export function coverage(license: CorpusLicense, text: PreparedText): number {
  let found = 0;
  for (const word of license.words) if (text.words.has(word)) found++;
  return license.words.size === 0 ? 0 : found / license.words.size;
}

/** The closest licenses whatever their score (for diagnostics and tests). */
export function closestLicenses(text: string, count = 3): { id: string; similarity: number }[] {
  const prepared = prepareText(text);
  return getCorpus()
    .licenses.map((license) => ({ id: license.id, similarity: similarity(license, prepared) }))
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, count);
}
