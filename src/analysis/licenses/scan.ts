/**
 * Per-file license and copyright scanning (the `scancode` command's engine). One pass over the text finds
 * the places worth a closer look (license and copyright keywords); only the lines around them are examined:
 * SPDX-License-Identifier tags, JSDoc `@license` tags, standard notices, full license texts embedded in
 * comment blocks, copyright statements. License files are first matched as a whole, manifests by their
 * declared license, README files also by their License section. A time budget bounds the work per file.
 */
import { createHash } from 'node:crypto';
import { findStatements, type AuthorEntry, type CopyrightEntry, type HolderEntry } from './copyrights.js';
import { andAll, parseLicenseExpression, renderSpdx, type LicenseNode } from './expression.js';
import { isManifest, readManifest } from './manifests.js';
import { findLicenseReference } from './names.js';
import { findNotices, JSDOC_LICENSE, LICENSE_FIELD } from './notices.js';
import { licenseFileScore, readmeLicenseSection, readmeScore } from './project.js';
import { toScancodeExpression, toSpdxExpression } from './scancode-keys.js';
import { matchLicenseText, SCAN_THRESHOLD, type TextMatch } from './text-match.js';

export interface LicenseMatch {
  license_expression: string;
  license_expression_spdx: string;
  from_file: string;
  start_line: number;
  end_line: number;
  matcher: '1-hash' | '1-spdx-id' | '2-aho' | '3-seq';
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
}

export interface FileScan {
  detected_license_expression: string | null;
  detected_license_expression_spdx: string | null;
  license_detections: LicenseDetection[];
  license_clues: never[];
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

/** Phrases that start (or sit inside) a full license text: the comment block around them is matched whole. */
const FULL_TEXT = /permission is hereby granted|redistribution and use in source and binary|permission to use, copy, modify|terms and conditions for use, reproduction|this is free and unencumbered software|everyone is permitted to copy and distribute|the software is provided "as is"/i;

const SPDX_TAG = /SPDX-License-Identifier\s*:\s*(.+)$/i;

const MAX_HITS = 400;
const MAX_WINDOWS = 80;
const WINDOW_BEFORE = 3;
const WINDOW_AFTER = 24;
const MAX_WHOLE_FILE = 400_000;
const MAX_BLOCK = 60_000;

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

const COMMENT_MARKERS = /^[ \t]*(?:\/\*+!?|\*+\/|\*+|\/\/+!?|#+!?|--|;+|<!--|-->|'|REM\b|dnl\b|%+|"""|''')?[ \t]?/gm;

/** Comment markers removed from each line, so the text reads as prose. */
function uncomment(text: string): string {
  return text.replace(COMMENT_MARKERS, '').replace(/\*\/\s*$/gm, '').replace(/-->\s*$/gm, '');
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
 * Lower-cased prose on one line, with the offset of each source line in it. The window is cleaned as one
 * string (one pass of each regex, not one per line); the line-end patterns stop at the line's end.
 */
function simplify(lines: readonly string[]): { text: string; offsets: number[] } {
  const offsets: number[] = [];
  let text = '';
  const cleaned = lines
    .map(condense)
    .join('\n')
    .replace(COMMENT_MARKERS, '')
    .replace(/\*\/[^\S\n]*$/gm, '')
    .replace(/-->[^\S\n]*$/gm, '')
    .toLowerCase()
    .replace(/[‘’`]/g, "'")
    .replace(/[“”]/g, '"');
  for (const line of cleaned.split('\n')) {
    offsets.push(text.length);
    const prose = line.replace(/\s+/g, ' ').trim();
    if (prose) text += `${prose} `;
  }
  return { text, offsets };
}

/** Runs of ASCII letters and digits (ScanCode's tokens, near enough): a character loop, no regex or strings. */
function countWords(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const alnum = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
    if (alnum && !inWord) count++;
    inWord = alnum;
  }
  return count;
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
  const name = baseName(path);
  if (licenseFileScore(name) > 0 || LICENSE_NAME.test(name) || isManifest(name) || readmeScore(name) > 0) return true;
  for (const needle of KEYWORD_BYTES) if (bytes.includes(needle)) return true;
  return false;
}

/**
 * The comment block around a line, as 1-based [first, last]: the enclosing `/* ... *\/` when the line is in
 * one, else the run of line comments (`//`, `#`, `--`, `;`), else (plain text) the paragraphs up to two blank
 * lines either side.
 */
function blockAround(text: string, lines: Lines, line: number): [number, number] {
  const offset = lines.startOf(line);
  const open = text.lastIndexOf('/*', offset);
  const closed = text.lastIndexOf('*/', offset);
  if (open !== -1 && open > closed && offset - open < MAX_BLOCK) {
    const end = text.indexOf('*/', offset);
    const last = end === -1 ? lines.count : lines.lineOf(end);
    return trimBlank(lines, lines.lineOf(open), last);
  }
  const limit = 400;
  const marker = /^\s*(\/\/|#|--|;)/.exec(lines.line(line))?.[1];
  let first = line;
  let last = line;
  if (marker) {
    const same = (n: number): boolean => lines.line(n).trimStart().startsWith(marker);
    while (first > 1 && line - first < limit && same(first - 1)) first--;
    while (last < lines.count && last - line < limit && same(last + 1)) last++;
  } else {
    const blank = (n: number): boolean => lines.line(n).trim() === '';
    const stop = (n: number): boolean => SECTION_BREAK.test(lines.line(n));
    while (first > 1 && line - first < limit && !stop(first - 1) && !(blank(first - 1) && first > 2 && blank(first - 2))) first--;
    while (last < lines.count && last - line < limit && !stop(last + 1) && !(blank(last + 1) && last + 1 < lines.count && blank(last + 2))) last++;
  }
  return trimBlank(lines, first, last);
}

/** Markdown headings and horizontal rules: where one license text in a bundle ends and the next begins. */
const SECTION_BREAK = /^\s*(?:[=\-*_]{3,}|#{1,6}\s.*)\s*$/;

/** Sections of a text between headings and rules, as 1-based [first, last] line ranges. */
function sections(lines: Lines): [number, number][] {
  const out: [number, number][] = [];
  let first = 1;
  for (let n = 1; n <= lines.count + 1; n++) {
    if (n > lines.count || SECTION_BREAK.test(lines.line(n))) {
      if (n - 1 >= first) {
        const [a, b] = trimBlank(lines, first, n - 1);
        if (b > a) out.push([a, b]);
      }
      first = n + 1;
    }
  }
  return out;
}

function trimBlank(lines: Lines, first: number, last: number): [number, number] {
  const empty = (n: number): boolean => uncomment(lines.line(n)).trim() === '';
  while (first < last && empty(first)) first++;
  while (last > first && empty(last)) last--;
  return [first, last];
}

function nonBlankRange(lines: Lines): [number, number] {
  let first = 1;
  let last = lines.count;
  while (first < last && lines.line(first).trim() === '') first++;
  while (last > first && lines.line(last).trim() === '') last--;
  return [first, last];
}

interface Found {
  readonly expression: LicenseNode;
  readonly start: number;
  readonly end: number;
  readonly matcher: LicenseMatch['matcher'];
  readonly score: number;
  readonly length: number;
  readonly coverage: number;
  readonly rule: string;
}

function fromTextMatch(match: TextMatch, start: number, end: number, whole: boolean): Found {
  return {
    expression: { license: match.license.id, plus: false, exception: null },
    start,
    end,
    matcher: match.matcher === 'exact' ? (whole ? '1-hash' : '2-aho') : '3-seq',
    score: Math.round(match.confidence * 100) / 100,
    length: match.license.wordCount,
    coverage: Math.round(match.coverage * 10000) / 100,
    rule: `${toScancodeExpression({ license: match.license.id, plus: false, exception: null })}.LICENSE`,
  };
}

function uuidOf(text: string): string {
  const hex = createHash('sha1').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function toDetection(group: Found[], fromFile: string): LicenseDetection {
  const matches: LicenseMatch[] = group.map((found) => ({
    license_expression: toScancodeExpression(found.expression),
    license_expression_spdx: toSpdxExpression(found.expression),
    from_file: fromFile,
    start_line: found.start,
    end_line: found.end,
    matcher: found.matcher,
    score: found.score,
    matched_length: found.length,
    match_coverage: found.coverage,
    rule_relevance: 100,
    rule_identifier: found.rule,
    rule_url: null,
  }));
  const expression = uniqueAnd(group.map((found) => found.expression)) as LicenseNode;
  const scancode = toScancodeExpression(expression);
  // ScanCode's identifier: the expression plus a UUID from what was matched (not where), so one notice
  // found in many files is one detection with a count.
  const fingerprint = JSON.stringify(matches.map((m) => [m.license_expression, m.rule_identifier, m.score, m.matched_length, m.match_coverage]));
  return {
    license_expression: scancode,
    license_expression_spdx: toSpdxExpression(expression),
    matches,
    identifier: `${scancode.replace(/[^a-z0-9.+-]+/gi, '_')}-${uuidOf(fingerprint)}`,
  };
}

function uniqueAnd(nodes: readonly LicenseNode[]): LicenseNode | null {
  const seen = new Map<string, LicenseNode>();
  for (const node of nodes) if (!seen.has(renderSpdx(node))) seen.set(renderSpdx(node), node);
  return andAll([...seen.values()]);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Words that mark a file as a license file even when licensee's name patterns would not. */
const LICENSE_NAME = /licen[cs]e|copying|copyright|notice|legal|patents|unlicense/i;

/**
 * Scans one text file. `displayPath` is the `from_file` of matches (`<repo>/<path>`). Never throws for odd
 * input; an exceeded budget ends the scan of this file with a scan error and what was found so far.
 */
export function scanText(path: string, displayPath: string, text: string, options: ScanOptions): FileScan {
  const started = performance.now();
  const errors: string[] = [];
  const found: Found[] = [];
  const statements: { copyrights: CopyrightEntry[]; holders: HolderEntry[]; authors: AuthorEntry[] } = { copyrights: [], holders: [], authors: [] };
  const name = baseName(path);
  const lines = new Lines(text);
  const explained: [number, number][] = [];
  const isExplained = (start: number, end: number): boolean => explained.some(([a, b]) => start >= a && end <= b);
  const overBudget = (): boolean => {
    if (performance.now() - started <= options.timeoutMs) return false;
    errors.push(`ERROR: for scanner: licenses: Processing interrupted: timeout after ${Math.round(options.timeoutMs / 1000)} seconds.`);
    return true;
  };

  // 1. A license file matched as a whole, or else section by section (LICENSE files that bundle several).
  if ((licenseFileScore(name) > 0 || LICENSE_NAME.test(name)) && text.length <= MAX_WHOLE_FILE) {
    const whole = matchLicenseText(text, SCAN_THRESHOLD, text);
    if (whole) {
      const [first, last] = nonBlankRange(lines);
      found.push(fromTextMatch(whole, first, last, true));
      explained.push([first, last]);
    } else {
      for (const [first, last] of sections(lines)) {
        // The section, and the section from the paragraph where a license text starts (after a preamble).
        const starts = [first];
        const trigger = FULL_TEXT.exec(text.slice(lines.startOf(first), lines.startOf(Math.min(last + 1, lines.count))));
        if (trigger) {
          let paragraph = lines.lineOf(lines.startOf(first) + trigger.index);
          while (paragraph > first && lines.line(paragraph - 1).trim() !== '') paragraph--;
          if (paragraph > first) starts.push(paragraph);
        }
        let best: { match: TextMatch; from: number } | null = null;
        for (const from of starts) {
          const part = text.slice(lines.startOf(from), last < lines.count ? lines.startOf(last + 1) : text.length);
          const match = matchLicenseText(part, SCAN_THRESHOLD, part);
          if (match && (!best || match.confidence > best.match.confidence)) best = { match, from };
        }
        if (best) {
          found.push(fromTextMatch(best.match, best.from, last, false));
          explained.push([first, last]);
        }
      }
    }
  }

  // 2. A package manifest's declared license.
  if (found.length === 0 && isManifest(name)) {
    const declaration = readManifest(name, text);
    if (declaration?.expression) {
      found.push({
        expression: declaration.expression,
        start: declaration.line,
        end: declaration.line,
        matcher: '2-aho',
        score: 100,
        length: countWords(declaration.declared.join(' ')) + 1,
        coverage: 100,
        rule: `package-manifest-${declaration.matcher}.RULE`,
      });
      explained.push([declaration.line, declaration.line]);
    }
  }

  // 3. Lines around keywords.
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
  for (const [start, end] of windows) {
    if (overBudget()) break;
    const raw: string[] = [];
    for (let n = start; n <= end; n++) raw.push(lines.line(n));

    // Tags on single lines.
    raw.forEach((lineText, index) => {
      const lineNumber = start + index;
      statementLines.push({ text: lineText, line: lineNumber });
      if (lineText.length > 2000) return;
      const tag = SPDX_TAG.exec(lineText);
      if (tag) {
        const value = (tag[1] as string).replace(/\s*(?:\*\/|-->|#}|"|'|;|,|\)\s*$).*$/, '').trim();
        const expression = parseLicenseExpression(value);
        if (expression) {
          found.push({ expression, start: lineNumber, end: lineNumber, matcher: '1-spdx-id', score: 100, length: countWords(value) + 3, coverage: 100, rule: `spdx-license-identifier-${toScancodeExpression(expression).replace(/\s+/g, '_')}` });
          explained.push([lineNumber, lineNumber]);
        }
        return;
      }
      const jsdoc = JSDOC_LICENSE.exec(lineText) ?? LICENSE_FIELD.exec(lineText);
      if (jsdoc) {
        const expression = parseLicenseExpression(jsdoc[1] as string);
        if (expression && !isExplained(lineNumber, lineNumber)) {
          found.push({ expression, start: lineNumber, end: lineNumber, matcher: '2-aho', score: 100, length: countWords(jsdoc[1] as string) + 1, coverage: 100, rule: 'license-tag_jsdoc.RULE' });
          explained.push([lineNumber, lineNumber]);
        }
      }
    });

    // Full texts in comment blocks: the whole block, or (when the block opens with other prose) the block from
    // the paragraph holding the first phrase of the license.
    const windowText = raw.join('\n');
    const fullText = new RegExp(FULL_TEXT.source, 'gi');
    for (let hit = fullText.exec(windowText); hit; hit = fullText.exec(windowText)) {
      const triggerLine = start + windowText.slice(0, hit.index).split('\n').length - 1;
      if (isExplained(triggerLine, triggerLine)) continue;
      const [first, last] = blockAround(text, lines, triggerLine);
      let paragraph = triggerLine;
      while (paragraph > first && uncomment(lines.line(paragraph - 1)).trim() !== '') paragraph--;
      for (const from of paragraph > first ? [first, paragraph] : [first]) {
        const blockText = text.slice(lines.startOf(from), last < lines.count ? lines.startOf(last + 1) : text.length);
        if (blockText.length > MAX_BLOCK) continue;
        const match = matchLicenseText(uncomment(blockText), SCAN_THRESHOLD, blockText);
        if (match) {
          found.push(fromTextMatch(match, from, last, false));
          explained.push([Math.min(from, triggerLine), last]);
          break;
        }
      }
      if (overBudget()) break;
    }

    // Notices in prose.
    const { text: prose, offsets } = simplify(raw);
    for (const notice of findNotices(prose)) {
      let first = 0;
      while (first + 1 < offsets.length && (offsets[first + 1] as number) <= notice.start) first++;
      let last = first;
      while (last + 1 < offsets.length && (offsets[last + 1] as number) < notice.end) last++;
      const a = start + first;
      const b = start + last;
      if (isExplained(a, b)) continue;
      found.push({ expression: notice.expression, start: a, end: b, matcher: '2-aho', score: 100, length: countWords(prose.slice(notice.start, notice.end)), coverage: 100, rule: notice.rule });
      explained.push([a, b]);
    }
  }

  // 4. A README's License section naming a license.
  if (readmeScore(name) > 0 && errors.length === 0) {
    const section = readmeLicenseSection(text);
    if (section) {
      const at = text.indexOf(section);
      const first = lines.lineOf(Math.max(0, at));
      const last = lines.lineOf(Math.max(0, at + section.length - 1));
      if (!found.some((f) => f.start >= first && f.end <= last)) {
        const id = findLicenseReference(section);
        if (id) {
          found.push({ expression: { license: id, plus: false, exception: null }, start: first, end: last, matcher: '2-aho', score: 90, length: countWords(section), coverage: 100, rule: 'license-reference_readme.RULE' });
        }
      }
    }
  }

  const stated = findStatements(statementLines);
  statements.copyrights = stated.copyrights;
  statements.holders = stated.holders;
  statements.authors = stated.authors;

  // Matches close together with the same license form one detection, as ScanCode groups them.
  found.sort((a, b) => a.start - b.start || a.end - b.end);
  const groups: Found[][] = [];
  for (const item of found) {
    const group = groups[groups.length - 1];
    const last = group?.[group.length - 1];
    if (group && last && item.start <= last.end + 4 && renderSpdx(item.expression) === renderSpdx(last.expression)) group.push(item);
    else groups.push([item]);
  }
  const detections = groups.map((group) => toDetection(group, displayPath));
  const fileExpression = uniqueAnd(groups.map((group) => uniqueAnd(group.map((f) => f.expression)) as LicenseNode));
  const matchedWords = found.reduce((sum, f) => sum + f.length, 0);
  const percentage = matchedWords === 0 ? 0 : Math.min(100, Math.round((matchedWords * 10000) / Math.max(1, countWords(text))) / 100);

  return {
    detected_license_expression: fileExpression ? toScancodeExpression(fileExpression) : null,
    detected_license_expression_spdx: fileExpression ? toSpdxExpression(fileExpression) : null,
    license_detections: detections,
    license_clues: [],
    percentage_of_license_text: percentage,
    copyrights: statements.copyrights,
    holders: statements.holders,
    authors: statements.authors,
    scan_errors: errors,
  };
}
