/**
 * Per-file license and copyright scanning (the `scancode` command's engine). Licenses come from the matcher over
 * ScanCode's LicenseDB (./match/): every rule's exact occurrences, SPDX tags and approximate matches of modified
 * texts, grouped into detections as ScanCode 32 groups them. Copyright statements are looked for on the lines
 * around copyright keywords only. A time budget bounds the approximate matching per file.
 */
import { createHash } from 'node:crypto';
import { findStatements, type AuthorEntry, type CopyrightEntry, type HolderEntry } from './copyrights.js';
import { licenseEngine } from './match/engine.js';
import { detectLicenses } from './match/detect.js';
import type { EngineDetection } from './match/detections.js';
import type { EngineMatch } from './match/engine.js';
import { combineAnd, mapKeys } from './match/expressions.js';
import { isManifest } from './manifests.js';
import { licenseFileScore, readmeScore } from './project.js';

export interface LicenseMatch {
  license_expression: string;
  license_expression_spdx: string;
  from_file: string;
  start_line: number;
  end_line: number;
  matcher: '1-hash' | '1-spdx-id' | '2-aho' | '3-seq' | '6-unknown';
  score: number;
  matched_length: number;
  match_coverage: number;
  rule_relevance: number;
  rule_identifier: string;
  rule_url: string | null;
}

export interface LicenseDetection {
  license_expression: string;
  license_expression_spdx: string;
  matches: LicenseMatch[];
  identifier: string;
  /**
   * Added (not in ScanCode's file layout, removed from results): the files a bare reference points to ("see
   * LICENSE"), for the tree scan to resolve.
   */
  referenced_filenames?: string[];
  /** How the detection was resolved, when it was (ScanCode's `detection_log`: `unknown-reference-to-local-file`). */
  detection_log?: string[];
}

export interface FileScan {
  detected_license_expression: string | null;
  detected_license_expression_spdx: string | null;
  license_detections: LicenseDetection[];
  /** Matches too weak for a detection (clue rules, small parts of a text), as ScanCode reports them. */
  license_clues: LicenseMatch[];
  percentage_of_license_text: number;
  copyrights: CopyrightEntry[];
  holders: HolderEntry[];
  authors: AuthorEntry[];
  scan_errors: string[];
}

export interface ScanOptions {
  /** Work allowed per file; past it the file's scan stops with a scan error (ScanCode's per-file timeout). */
  readonly timeoutMs: number;
}

/** A place worth a closer look. Cheap enough to run over every byte of a tree. */
const KEYWORDS = /licen[cs]|copyright|spdx-|\(c\)|©|public domain|general public|permission is hereby|redistribution and use|same terms as perl/gi;

const MAX_HITS = 400;
const MAX_WINDOWS = 80;
const WINDOW_BEFORE = 3;
const WINDOW_AFTER = 24;

/** Line numbers for offsets of one text (newline positions found once). */
class Lines {
  private readonly starts: number[] = [0];
  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  get count(): number {
    return this.starts.length;
  }
  /** 1-based line of an offset. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
  /** Offset where a 1-based line starts. */
  startOf(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length) - 1)] as number;
  }
  /** Text of a 1-based line without its newline. */
  line(line: number): string {
    const start = this.startOf(line);
    const next = line < this.starts.length ? (this.starts[line] as number) - 1 : this.text.length;
    return this.text.slice(start, next).replace(/\r$/, '');
  }
}

const LONG_LINE = 4000;
const AROUND_KEYWORD = 1500;
const LINE_KEYWORDS = new RegExp(KEYWORDS.source, 'gi');

/**
 * A long line (minified code: one line of hundreds of kilobytes) cut down to the stretches around its
 * keywords. Every notice rule holds a keyword within a few hundred characters of either end, so the notices
 * of the line are all in these stretches; lower-casing and matching the rest of the line found nothing.
 */
function condense(line: string): string {
  if (line.length <= LONG_LINE) return line;
  const parts: string[] = [];
  let end = 0;
  LINE_KEYWORDS.lastIndex = 0;
  for (let hit = LINE_KEYWORDS.exec(line); hit; hit = LINE_KEYWORDS.exec(line)) {
    const start = Math.max(end, hit.index - AROUND_KEYWORD);
    const stop = Math.min(line.length, hit.index + AROUND_KEYWORD);
    if (start > end && parts.length > 0) parts.push(' ');
    parts.push(line.slice(start, stop));
    end = stop;
    LINE_KEYWORDS.lastIndex = stop;
  }
  return parts.join('');
}

/**
 * Byte strings one of which every KEYWORDS match contains, in the spellings files use (lower case, UPPER CASE,
 * Capitalised; the first letter dropped so that it may have either case). Searched in the raw bytes
 * (Buffer.indexOf, native), they tell most files of a tree (code without a license header) apart from the
 * ones worth decoding, without decoding them: on a node_modules tree four files in five have none.
 */
const KEYWORD_BYTES: readonly Buffer[] = (() => {
  const phrases = ['licen', 'copyright', 'spdx-', 'public domain', 'general public', 'permission is hereby', 'redistribution and use', 'same terms as perl'];
  const variants = new Set<string>(['(c)', '(C)', '©']);
  for (const phrase of phrases) {
    const rest = phrase.slice(1);
    variants.add(rest);
    variants.add(rest.toUpperCase());
    variants.add(rest.replace(/ ([a-z])/g, (_, c: string) => ` ${c.toUpperCase()}`));
  }
  return [...variants].map((variant) => Buffer.from(variant, 'utf8'));
})();

/**
 * Whether a file must be decoded and scanned: its name makes it a license file, manifest or README (scanned
 * whatever its words), or its bytes hold a keyword. Mixed-case spellings ("LiCeNsE") are the only keywords
 * the byte search misses.
 */
export function worthScanning(path: string, bytes: Buffer): boolean {
  if (scannedByName(path)) return true;
  for (const needle of KEYWORD_BYTES) if (bytes.includes(needle)) return true;
  return false;
}

/** Whether the file's name alone makes it worth scanning (license files, manifests, READMEs). */
export function scannedByName(path: string): boolean {
  const name = baseName(path);
  return licenseFileScore(name) > 0 || LICENSE_NAME.test(name) || isManifest(name) || readmeScore(name) > 0;
}

function uuidOf(text: string): string {
  const hex = createHash('sha1').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const RULE_URL = 'https://github.com/nexB/scancode-toolkit/tree/develop/src/licensedcode/data';

function toMatch(match: EngineMatch, fromFile: string): LicenseMatch {
  const db = licenseEngine().db;
  const rule = match.rule >= 0 ? db.rules[match.rule] : undefined;
  const identifier = rule
    ? rule.identifier
    : match.matcher === '6-unknown'
      ? `license-detection-unknown-${uuidOf(match.tag ?? '')}`
      : `spdx-license-identifier-${match.expression.toLowerCase().replace(/[^a-z0-9.+-]+/g, '_')}-${uuidOf(match.tag ?? '').slice(0, 8)}`;
  return {
    license_expression: match.expression,
    license_expression_spdx: mapKeys(match.expression, (key) => db.spdxOf(key)),
    from_file: fromFile,
    start_line: match.startLine,
    end_line: match.endLine,
    matcher: match.matcher,
    score: match.score,
    matched_length: match.matched,
    match_coverage: match.coverage,
    rule_relevance: match.relevance,
    rule_identifier: identifier,
    rule_url: rule ? `${RULE_URL}/${rule.isFromLicense ? 'licenses' : 'rules'}/${rule.identifier}` : null,
  };
}

function toDetection(detection: EngineDetection, fromFile: string): LicenseDetection {
  const db = licenseEngine().db;
  const matches = detection.matches.map((match) => toMatch(match, fromFile));
  // ScanCode's identifier: the expression plus a UUID from what was matched (not where), so one notice
  // found in many files is one detection with a count.
  const fingerprint = JSON.stringify(matches.map((m) => [m.license_expression, m.rule_identifier, m.score, m.matched_length, m.match_coverage]));
  const result: LicenseDetection = {
    license_expression: detection.expression,
    license_expression_spdx: mapKeys(detection.expression, (key) => db.spdxOf(key)),
    matches,
    identifier: `${detection.expression.replace(/[^a-z0-9.+-]+/gi, '_')}-${uuidOf(fingerprint)}`,
  };
  if (detection.referencedFilenames.length > 0) result.referenced_filenames = [...detection.referencedFilenames];
  return result;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Words that mark a file as a license file even when licensee's name patterns would not. */
const LICENSE_NAME = /licen[cs]e|copying|copyright|notice|legal|patents|unlicense/i;

/**
 * Scans one text file. `displayPath` is the `from_file` of matches (`<repo>/<path>`). Never throws for odd
 * input; an exceeded budget ends the approximate matching of this file with a scan error and what was found.
 */
export function scanText(path: string, displayPath: string, text: string, options: ScanOptions): FileScan {
  const started = performance.now();
  const errors: string[] = [];
  const found = detectLicenses(text, { deadline: started + options.timeoutMs });
  if (found.timedOut) {
    errors.push(`ERROR: for scanner: licenses: Processing interrupted: timeout after ${Math.round(options.timeoutMs / 1000)} seconds.`);
  }
  const detections = found.detections.map((detection) => toDetection(detection, displayPath));
  const fileExpression = combineAnd(detections.map((detection) => detection.license_expression));
  const db = licenseEngine().db;

  // Copyright statements: the lines around copyright keywords.
  const lines = new Lines(text);
  const hitLines: number[] = [];
  KEYWORDS.lastIndex = 0;
  for (let hit = KEYWORDS.exec(text); hit && hitLines.length < MAX_HITS; hit = KEYWORDS.exec(text)) {
    const line = lines.lineOf(hit.index);
    if (hitLines[hitLines.length - 1] !== line) hitLines.push(line);
    // Skip the rest of the line: one hit per line is enough.
    const next = text.indexOf('\n', hit.index);
    if (next === -1) break;
    KEYWORDS.lastIndex = next + 1;
  }
  const windows: [number, number][] = [];
  for (const line of hitLines) {
    const start = Math.max(1, line - WINDOW_BEFORE);
    const end = Math.min(lines.count, line + WINDOW_AFTER);
    const previous = windows[windows.length - 1];
    if (previous && start <= previous[1] + 1) previous[1] = Math.max(previous[1], end);
    else if (windows.length < MAX_WINDOWS) windows.push([start, end]);
  }
  const statementLines: { text: string; line: number }[] = [];
  for (const [start, end] of windows) for (let n = start; n <= end; n++) statementLines.push({ text: condense(lines.line(n)), line: n });
  const stated = findStatements(statementLines);

  const percentage = found.wordCount === 0 ? 0 : Math.min(100, Math.round((found.matchedWords * 10000) / found.wordCount) / 100);
  return {
    detected_license_expression: fileExpression,
    detected_license_expression_spdx: fileExpression ? mapKeys(fileExpression, (key) => db.spdxOf(key)) : null,
    license_detections: detections,
    license_clues: found.clues.map((match) => toMatch(match, displayPath)),
    percentage_of_license_text: percentage,
    copyrights: stated.copyrights,
    holders: stated.holders,
    authors: stated.authors,
    scan_errors: errors,
  };
}
