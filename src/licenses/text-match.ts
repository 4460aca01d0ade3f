/**
 * Full-text matching against the corpus: the exact matcher (same word set) and licensee's Sørensen–Dice
 * matcher with its 98% threshold. Dice compares word sets; the similarity carries licensee's small penalty for
 * a difference in length so that a short text never matches a long license. Candidates are preselected by word
 * count: a similarity of at least 98 is impossible when the word counts differ by more than about 4%.
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
  const normalized = normalizeLicenseText(text, { titleRegex: getCorpus().titleRegex });
  return { normalized, words: wordSet(normalized) };
}

/** licensee's License#similarity(file): word overlap as a percentage, minus a length-difference penalty. */
export function similarity(license: CorpusLicense, text: PreparedText): number {
  let overlap = 0;
  const [small, large] = license.words.size <= text.words.size ? [license.words, text.words] : [text.words, license.words];
  for (const word of small) if (large.has(word)) overlap++;
  const total = license.words.size + text.words.size;
  const delta = Math.max(0, Math.abs(license.normalized.length - text.normalized.length) - license.fields * 4);
  return (overlap * 200) / (total + delta / 4);
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
    if ((list[mid] as CorpusLicense).words.size < count) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Licenses whose Dice similarity could reach the threshold, by word count alone. */
function candidates(text: PreparedText, threshold: number): CorpusLicense[] {
  const { byWordCount } = getCorpus();
  const n = text.words.size;
  // overlap <= min(n, m), so 200*min(n, m) >= threshold*(n + m) bounds m to [n*t/(200-t), n*(200-t)/t].
  const lo = Math.floor((n * threshold) / (200 - threshold));
  const hi = Math.ceil((n * (200 - threshold)) / threshold);
  const out: CorpusLicense[] = [];
  for (let i = lowerBound(byWordCount, lo); i < byWordCount.length; i++) {
    const license = byWordCount[i] as CorpusLicense;
    if (license.words.size > hi) break;
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
  const pool = candidates(prepared, threshold);
  for (const license of pool) {
    if (sameSet(license.words, prepared.words)) return { license, matcher: 'exact', confidence: 100, coverage: 1 };
  }
  const ccFalsePositive = CC_FALSE_POSITIVE.test((raw ?? (typeof text === 'string' ? text : '')).trim());
  const scored: TextMatch[] = [];
  for (const license of pool) {
    if (ccFalsePositive && license.creativeCommons) continue;
    const score = similarity(license, prepared);
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
