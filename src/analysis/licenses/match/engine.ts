/**
 * The license matcher over ScanCode's LicenseDB (issue #15), written from the data and ScanCode's documentation.
 * One text in, its license matches and detections out:
 *
 * 1. the whole text against every rule's hash (`1-hash`): a file that is exactly a license or rule stops here;
 * 2. `SPDX-License-Identifier:` tags (`1-spdx-id`), their ids mapped to LicenseDB keys;
 * 3. every exact occurrence of every rule (`2-aho`, exact.ts);
 * 4. where license words remain unexplained, approximate matches of the best candidate rules (`3-seq`, seq.ts);
 * 5. refinement (refine.ts), then detections: matches within a few lines of each other form one detection whose
 *    expression combines theirs (detections.ts).
 *
 * The index is loaded once per process; the exact and approximate indexes are built on first use (~0.3 s).
 */
import { hashTokenIds, loadLicenseDb, type LicenseDb } from '../licensedb-index.js';
import { ExactIndex } from './exact.js';
import { buildQuery, unknownsInside, type Query } from './query.js';
import { acceptableSeq, compareMatches, relevanceOf, selectMatches, type Candidate } from './refine.js';
import { SeqIndex } from './seq.js';
import { mapKeys } from './expressions.js';
import { licenseLike, NgramFilter } from './unknown.js';

/** Rules shorter than this match exactly only without unknown words inside. */
const SHORT_RULE = 20;
/** Unexplained license words this far apart belong to separate stretches. */
const RUN_GAP = 200;
const RUN_MARGIN = 60;
/** Approximate matching rounds per stretch, and the license words a stretch must still hold for another. */
const SEQ_ROUNDS = 4;
/** A long stretch (a bundle of notices) gets a round more per this many words, up to MAX_SEQ_ROUNDS. */
const TOKENS_PER_EXTRA_ROUND = 500;
const MAX_SEQ_ROUNDS = 64;
const MIN_LEGALESE_LEFT = 5;
/** License words, and words, a stretch nothing explains needs before it is looked at as unknown license text. */
const MIN_UNKNOWN_LEGALESE = 3;
const UNKNOWN_MIN_WORDS = 30;

/**
 * Words of license prose. A stretch of text is matched approximately only around these, so code that happens to
 * share words with some rule is never aligned. Prefixes, tested against the dictionary once.
 */
const LEGALESE =
  /^(?:licen[cs]|copyright|copyleft|warrant|liabil|liable|merchantab|infring|sublicen|royalt|patent|disclaim|indemn|proprietar|trademark|redistribut|permission|permitted|gpl|lgpl|agpl|fdl|mpl|epl|cddl|bsd|apache|gnu|mit$|isc$|artistic|mozilla|eclipse|creative|commons|unlicense|freeware|noncommercial|attribution|spdx|eula|waive|sublicense|distribut|derivative|covered|conditions|terms$)/;

export interface EngineMatch extends Candidate {
  readonly startLine: number;
  readonly endLine: number;
  readonly score: number;
  /** Percent of the rule matched. */
  readonly coverage: number;
  readonly qmagnitude: number;
}

export interface EngineOptions {
  /** performance.now() past which approximate matching stops (exact results so far are kept). */
  readonly deadline?: number;
}

export interface EngineResult {
  readonly matches: EngineMatch[];
  /** The query's known token ids (matches' start/end index them). */
  readonly ids: Int32Array;
  readonly wordCount: number;
  /** Whether the deadline cut approximate matching short. */
  readonly timedOut: boolean;
}

export class LicenseEngine {
  private exactIndex: ExactIndex | null = null;
  private seqIndex: SeqIndex | null = null;
  private legalese: Uint8Array | null = null;
  private ngrams: NgramFilter | null = null;

  constructor(readonly db: LicenseDb) {}

  private matchable = (rule: number): boolean => !this.db.rules[rule]?.isDeprecated;

  private get exact(): ExactIndex {
    this.exactIndex ??= new ExactIndex(this.db, this.matchable);
    return this.exactIndex;
  }

  private get seq(): SeqIndex {
    this.seqIndex ??= new SeqIndex(this.db);
    return this.seqIndex;
  }

  private get legaleseIds(): Uint8Array {
    if (!this.legalese) {
      this.legalese = new Uint8Array(this.db.dictionary.length);
      this.db.dictionary.forEach((word, id) => {
        if (LEGALESE.test(word)) (this.legalese as Uint8Array)[id] = 1;
      });
    }
    return this.legalese;
  }

  /** Builds the indexes now rather than on the first text (for benchmarks and warm-up). */
  warm(): void {
    void this.exact;
    void this.seq;
    void this.legaleseIds;
  }

  match(text: string, options: EngineOptions = {}): EngineResult {
    const query = buildQuery(this.db, text);
    if (query.ids.length === 0) return { matches: [], ids: query.ids, wordCount: query.wordCount, timedOut: false };

    const whole = this.exact.wholeText(query);
    if (whole.length > 0) {
      const rule = whole[0] as number;
      // The text is exactly a false-positive rule: it is known not to be a license.
      if (this.db.rules[rule]?.isFalsePositive) return { matches: [], ids: query.ids, wordCount: query.wordCount, timedOut: false };
      const candidate = this.ruleCandidate(rule, '1-hash', 0, query.ids.length, query.ids.length);
      return { matches: [this.finish(query, candidate)], ids: query.ids, wordCount: query.wordCount, timedOut: false };
    }

    const candidates: Candidate[] = [...spdxTags(this.db, text, query)];
    for (const hit of this.exact.occurrences(query)) {
      // Words no rule knows inside an exact match mean the text says more than the rule: acceptable inside a
      // long text (a name in a license), not inside a short reference ("license": "ISC" two lines after a
      // "bench" script must not complete "... license" into another rule).
      const unknowns = unknownsInside(query, hit.start, hit.end);
      const length = hit.end - hit.start;
      if (unknowns > 0 && (length < SHORT_RULE || unknowns * 10 > length)) continue;
      // A short false-positive rule ("right: {license: 'MIT'}") is one line of code; across two lines of a
      // manifest ("... done right",\n"license": "MIT") it is not what it was written for, and must not cancel.
      const rule = this.db.rules[hit.rule];
      if (rule?.isFalsePositive && rule.isOneLine && length <= 6 && query.lines[hit.start] !== query.lines[hit.end - 1]) continue;
      // Nor is a two- or three-word name spread over two items of a list ("codes.json",\n"LICENSE" is not the
      // JSON License).
      if (rule?.isOneLine && length <= 3 && this.acrossListItems(query, hit.start, hit.end)) continue;
      candidates.push(this.ruleCandidate(hit.rule, '2-aho', hit.start, hit.end, length));
    }

    let timedOut = false;
    const explained = new Uint8Array(query.ids.length);
    for (const [from, to] of this.unexplainedRuns(query, candidates)) {
      // Rounds, as ScanCode loops its approximate matching: the best match of a round explains its words, and the
      // next round looks for candidates in what is left (an LGPL text ahead of the GPL text it comes with is found
      // once the GPL's words no longer crowd the candidates).
      const rounds = Math.min(MAX_SEQ_ROUNDS, SEQ_ROUNDS + Math.floor((to - from) / TOKENS_PER_EXTRA_ROUND));
      for (let round = 0; round < rounds && !timedOut; round++) {
        let best: Candidate | null = null;
        for (const rule of this.seq.candidates(query, from, to, explained)) {
          if (options.deadline !== undefined && performance.now() > options.deadline) {
            timedOut = true;
            break;
          }
          const hit = this.seq.align(query, rule, from, to, explained);
          if (!hit) continue;
          const candidate: Candidate = { ...this.ruleCandidate(rule, '3-seq', hit.start, hit.end, hit.matched), blocks: hit.blocks };
          // An approximate match that is in fact the whole rule, contiguous, is an exact one found another way.
          if (hit.blocks.length === 1 && hit.matched === candidate.ruleLength) continue;
          if (!acceptableSeq(this.db, candidate)) continue;
          candidates.push(candidate);
          if (!best || compareMatches(candidate, best) < 0) best = candidate;
        }
        if (!best) break;
        explained.fill(1, best.start, best.end);
        if (!this.hasUnexplainedLegalese(query, from, to, explained)) break;
      }
      if (timedOut) break;
    }

    const kept = selectMatches(candidates, query.ids.length);
    if (!timedOut) kept.push(...this.unknownMatches(query, kept, candidates));
    kept.sort((a, b) => a.start - b.start || a.end - b.end);
    return { matches: kept.map((candidate) => this.finish(query, candidate)), ids: query.ids, wordCount: query.wordCount, timedOut };
  }

  /**
   * `unknown` matches: stretches of at least UNKNOWN_MIN_WORDS words that no match explains (nor a false-positive
   * rule), holding license words, and that read as license text (unknown.ts): a custom license, or the custom
   * paragraphs of a modified one.
   */
  private unknownMatches(query: Query, kept: readonly Candidate[], candidates: readonly Candidate[]): Candidate[] {
    const matched = new Uint8Array(query.ids.length);
    for (const candidate of kept) matched.fill(1, candidate.start, candidate.end);
    for (const candidate of candidates) if (candidate.isFalsePositive) matched.fill(1, candidate.start, candidate.end);
    const legalese = this.legaleseIds;
    const found: Candidate[] = [];
    for (let start = 0; start < query.ids.length; ) {
      if (matched[start]) {
        start++;
        continue;
      }
      let end = start;
      let words = 0;
      while (end < query.ids.length && !matched[end]) words += legalese[query.ids[end++] as number] as number;
      if (end - start >= UNKNOWN_MIN_WORDS && words >= MIN_UNKNOWN_LEGALESE) {
        this.ngrams ??= new NgramFilter(this.db, this.matchable);
        const span = licenseLike(this.ngrams, query.ids, start, end);
        if (span) {
          const [a, b] = span;
          found.push({ rule: -1, matcher: '6-unknown', start: a, end: b, matched: b - a, ruleLength: b - a, expression: 'unknown', relevance: 50, isFalsePositive: false, tag: hashTokenIds(query.ids, a, b).toString(16) });
        }
      }
      start = end;
    }
    return found;
  }

  /** Whether a line break between the words of [start, end) ends a quoted or comma-separated item. */
  private acrossListItems(query: Query, start: number, end: number): boolean {
    if (query.lines[start] === query.lines[end - 1]) return false;
    for (let i = start; i + 1 < end; i++) {
      const from = (query.offsets[i] as number) + (this.db.dictionary[query.ids[i] as number] as string).length;
      const between = query.lower.slice(from, query.offsets[i + 1]);
      if (/["'`]\s*[,\]})]?[ \t]*\r?\n|,[ \t]*\r?\n/.test(between)) return true;
    }
    return false;
  }

  private hasUnexplainedLegalese(query: Query, from: number, to: number, explained: Uint8Array): boolean {
    let count = 0;
    for (let i = from; i < to; i++) if (!explained[i] && this.legaleseIds[query.ids[i] as number] && ++count >= MIN_LEGALESE_LEFT) return true;
    return false;
  }

  private ruleCandidate(rule: number, matcher: Candidate['matcher'], start: number, end: number, matched: number): Candidate {
    const data = this.db.rules[rule];
    return {
      rule,
      matcher,
      start,
      end,
      matched,
      ruleLength: data?.tokens.length ?? 0,
      expression: data?.licenseExpression ?? '',
      relevance: relevanceOf(this.db, rule),
      isFalsePositive: data?.isFalsePositive ?? false,
    };
  }

  /**
   * Stretches around license words that no exact match explains: where approximate matching may find something
   * the exact pass missed.
   */
  private unexplainedRuns(query: Query, candidates: readonly Candidate[]): [number, number][] {
    // What exact matching explains, and by how many matches: a stretch explained by several exact matches may be
    // one modified text whose fragments match other rules (a GPL text with its title changed is a dozen
    // fragments), so it is matched approximately too; one exact match alone is the answer.
    const preliminary = selectMatches(candidates, query.ids.length);
    const explained = new Uint8Array(query.ids.length);
    const matchAt = new Int32Array(query.ids.length).fill(-1);
    preliminary.forEach((candidate, k) => {
      explained.fill(1, candidate.start, candidate.end);
      matchAt.fill(k, candidate.start, candidate.end);
    });
    const legalese = this.legaleseIds;
    // Stretches of license words (explained or not), each grown to the whole span of the exact matches it
    // touches, so that a modified license text is one stretch even where exact matches of its fragments explain
    // parts of it. Only stretches with something unexplained are matched approximately.
    const runs: { from: number; to: number; open: boolean }[] = [];
    let current: { from: number; to: number; open: boolean; firstMatch: number } | null = null;
    const close = (): void => {
      if (!current) return;
      let { from, to } = current;
      const left = matchAt[from] as number;
      const right = matchAt[to - 1] as number;
      if (left >= 0) from = Math.min(from, (preliminary[left] as Candidate).start);
      if (right >= 0) to = Math.max(to, (preliminary[right] as Candidate).end);
      runs.push({ from: Math.max(0, from - RUN_MARGIN), to: Math.min(query.ids.length, to + RUN_MARGIN), open: current.open });
      current = null;
    };
    for (let i = 0; i < query.ids.length; i++) {
      if (!legalese[query.ids[i] as number]) continue;
      if (current && i - current.to >= RUN_GAP) close();
      current ??= { from: i, to: i + 1, open: false, firstMatch: -1 };
      current.to = i + 1;
      const at = matchAt[i] as number;
      if (!explained[i]) current.open = true;
      else if (current.firstMatch === -1) current.firstMatch = at;
      else if (at !== current.firstMatch) current.open = true;
    }
    close();
    // Overlapping stretches are one; it is open when any part is.
    const merged: { from: number; to: number; open: boolean }[] = [];
    for (const run of runs) {
      const previous = merged[merged.length - 1];
      if (previous && run.from <= previous.to) {
        previous.to = Math.max(previous.to, run.to);
        previous.open ||= run.open;
      } else merged.push({ ...run });
    }
    return merged.filter((run) => run.open).map((run): [number, number] => [run.from, run.to]);
  }

  private finish(query: Query, candidate: Candidate): EngineMatch {
    const qmagnitude = candidate.end - candidate.start + unknownsInside(query, candidate.start, candidate.end);
    const coverage = candidate.ruleLength === 0 ? 100 : Math.min(100, (candidate.matched * 100) / candidate.ruleLength);
    // ScanCode's score: rule coverage times relevance, and times the share of the spanned words that matched
    // unless both shares are partial.
    const queryShare = qmagnitude === 0 ? 0 : candidate.matched / qmagnitude;
    const ruleShare = coverage / 100;
    const relevance = candidate.relevance / 100;
    const score = queryShare < 1 && ruleShare < 1 ? ruleShare * relevance * 100 : queryShare * ruleShare * relevance * 100;
    return {
      ...candidate,
      startLine: query.lines[candidate.start] as number,
      endLine: query.lines[candidate.end - 1] as number,
      score: round2(score),
      coverage: round2(coverage),
      qmagnitude,
    };
  }
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

const SPDX_TAG = /spdx-license-identifier\s*[:=]?\s*([^\n]*)/gi;

/** `SPDX-License-Identifier:` tags, as matches spanning their line's words. */
function spdxTags(db: LicenseDb, text: string, query: Query): Candidate[] {
  if (!/spdx-license-identifier/i.test(text)) return [];
  const found: Candidate[] = [];
  for (const tag of text.matchAll(SPDX_TAG)) {
    let value = (tag[1] as string).replace(/\s*(?:\*\/|-->|#}|["';,]|\\n).*$/, '').trim();
    // A tag inside parentheses or a call: drop the closing parentheses the expression does not open.
    while (value.endsWith(')') && count(value, '(') < count(value, ')')) value = value.slice(0, -1).trim();
    const expression = spdxToKeys(db, value);
    if (!expression) continue;
    const line = lineAt(text, tag.index);
    const [start, end] = positionsOnLine(query, line);
    if (start === end) continue;
    found.push({
      rule: -1,
      matcher: '1-spdx-id',
      start,
      end,
      matched: end - start,
      ruleLength: end - start,
      expression,
      relevance: 100,
      isFalsePositive: false,
      tag: value,
    });
  }
  return found;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** An SPDX expression with each id mapped to its LicenseDB key; ids the data does not know give `unknown-spdx`. */
export function spdxToKeys(db: LicenseDb, value: string): string | null {
  const cleaned = value.replace(/[()]/g, (p) => ` ${p} `).trim();
  if (!cleaned || !/^[\w.+\-\s():]+$/.test(cleaned)) return null;
  const words = cleaned.split(/\s+/);
  if (!wellFormed(words)) return null;
  return mapKeys(cleaned, (id) => {
    const ref = /^LicenseRef-scancode-(.+)$/i.exec(id);
    if (ref && db.license((ref[1] as string).toLowerCase())) return (ref[1] as string).toLowerCase();
    return db.keyOfSpdx(id) ?? 'unknown-spdx';
  });
}

/** Whether words form `id ((AND|OR|WITH) id)*` with balanced parentheses (a tag that is not gives no match). */
function wellFormed(words: readonly string[]): boolean {
  let at = 0;
  const operand = (): boolean => {
    const word = words[at];
    if (word === '(') {
      at++;
      if (!expression() || words[at] !== ')') return false;
      at++;
      return true;
    }
    if (word === undefined || word === ')' || /^(?:and|or|with)$/i.test(word)) return false;
    at++;
    return true;
  };
  const expression = (): boolean => {
    if (!operand()) return false;
    while (at < words.length && /^(?:and|or|with)$/i.test(words[at] as string)) {
      at++;
      if (!operand()) return false;
    }
    return true;
  };
  return expression() && at === words.length;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Known-token positions [start, end) on one line (lines are non-decreasing along positions). */
function positionsOnLine(query: Query, line: number): [number, number] {
  const lines = query.lines;
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((lines[mid] as number) < line) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < lines.length && lines[end] === line) end++;
  return [lo, end];
}

let shared: LicenseEngine | null = null;

/** The process's engine over the shipped LicenseDB. */
export function licenseEngine(): LicenseEngine {
  shared ??= new LicenseEngine(loadLicenseDb());
  return shared;
}
