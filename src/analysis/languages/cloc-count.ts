/**
 * Blank, comment and code lines of one file, with the definitions cloc uses (and upstream's invocation,
 * `cloc <dir> --json`, i.e. without --strip-str-comments, --inline or --docstring-as-code):
 * - blank: only whitespace; a blank line right after a line ending in a backslash continues that line in
 *   languages with backslash continuation, and is not blank;
 * - comment: a non-blank line left with only whitespace once comments are taken out;
 * - code: every other line, including a line that holds both code and a comment.
 * Comments are taken out step by step as comment-syntax.ts describes each language, without recognising string
 * literals (a `//` inside `"http://x"` starts a comment), because that is how cloc counts and the counts are
 * meant to agree with it. A leading `#!` line of a script language is code.
 *
 * Why not a library: the npm counters (sloc, node-sloc, ...) have their own language tables and rules, and
 * their counts differ from cloc's by design. Text is handled as latin1 (one char per byte), as cloc reads bytes.
 */
import { SHEBANG_LANGUAGES } from './cloc-names.js';
import { COMMENT_STEPS, type CommentStep } from './comment-syntax.js';

export interface LineCounts {
  blank: number;
  comment: number;
  code: number;
}

/** Whitespace as cloc's Perl `\s` sees it in bytes (ASCII only). */
const BLANK = /^[\t\n\v\f\r ]*$/;
const isBlank = (line: string): boolean => BLANK.test(line);

/** Splits like Perl's line reads: on "\n", the last line counted whether or not it ends with one. */
export function splitLines(text: string): string[] {
  if (text.length === 0) return [];
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  return lines;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** One regex finding the next opening marker of a stream step; longer markers first, so `--[[` beats `--`. */
const openerCache = new WeakMap<object, RegExp>();
function openers(step: Extract<CommentStep, { kind: 'stream' }>): RegExp {
  let regex = openerCache.get(step);
  if (!regex) {
    const markers = [...step.line, ...step.blocks.map(([open]) => open)].sort((a, b) => b.length - a.length);
    regex = new RegExp(markers.map(escapeRegex).join('|'), 'g');
    openerCache.set(step, regex);
  }
  return regex;
}

/** Markers recognised anywhere in the text: returns each line with its comment parts removed. */
function removeStream(lines: readonly string[], step: Extract<CommentStep, { kind: 'stream' }>): string[] {
  const out: string[] = [];
  const opener = openers(step);
  let close: string | null = null; // the closing marker of the block we are in
  let open = ''; // its opening marker, for nesting
  let depth = 0;
  let joinNext = false;
  const lastClose = step.joined ? lastOccurrences(lines, step.blocks.map(([, end]) => end)) : new Map<string, Place>();
  for (let lineIndex = 0; lineIndex < lines.length; lineIndex++) {
    const line = lines[lineIndex] as string;
    let kept = '';
    let pos = 0;
    if (close === null && step.keep?.test(line)) {
      pushLine(out, line, joinNext);
      joinNext = false;
      continue;
    }
    let spliced = false;
    let lineComment = false;
    while (pos < line.length) {
      if (close !== null) {
        const end = line.indexOf(close, pos);
        if (step.nested) {
          const again = line.indexOf(open, pos);
          if (again !== -1 && (end === -1 || again < end)) {
            depth++;
            pos = again + open.length;
            continue;
          }
        }
        if (end === -1) {
          pos = line.length;
          break;
        }
        pos = end + close.length;
        if (--depth === 0) close = null;
        continue;
      }
      opener.lastIndex = pos;
      const found = opener.exec(line);
      if (!found) {
        kept += line.slice(pos);
        break;
      }
      kept += line.slice(pos, found.index);
      const marker = found[0];
      const block = step.blocks.find(([start]) => start === marker);
      if (block && step.joined && !closedLater(lastClose.get(block[1]), lineIndex, found.index + marker.length)) {
        // An opening marker never closed afterwards opens no comment (`'*/*'` near the end of a file).
        kept += line[found.index] as string;
        pos = found.index + 1;
        continue;
      }
      if (block) {
        [open, close] = block;
        depth = 1;
        pos = found.index + marker.length;
      } else {
        // A line comment: the rest of the line. Ending in a backslash, it swallows the line break (C splices).
        spliced = step.splice === true && line.endsWith('\\');
        lineComment = true;
        break;
      }
    }
    pushLine(out, kept, joinNext);
    // A comment running past the end of the line joins what precedes it with what follows its end, one line (a
    // comment is whitespace between them): `x = 1; /* ...` and `... */ y = 2;` count as one line.
    joinNext = spliced || (step.joined === true && close !== null);
    // cloc matches C comments over the file's lines joined with an empty line after each (one line break after
    // a line ending in a backslash, which continues): a block comment taken out of a line that did not end in a
    // backslash can leave it ending in one, and the empty line after it then continues it and counts as code.
    if (step.joined && !joinNext && !lineComment && !line.endsWith('\\') && (out[out.length - 1] as string).endsWith('\\')) out.push('');
  }
  // Comment-only lines at the end of the file are gone, not blank: even after a residue ending in a backslash
  // (`x.replace(/\\//g` cut at its `//`) they do not continue it (cloc joins the text and drops trailing empties).
  if (step.joined) while (out.length > 0 && isBlank(out[out.length - 1] as string)) out.pop();
  return out;
}

interface Place {
  line: number;
  index: number;
}

/** Where each marker occurs last in the text. */
function lastOccurrences(lines: readonly string[], markers: readonly string[]): Map<string, Place> {
  const found = new Map<string, Place>();
  for (const marker of markers) {
    for (let line = lines.length - 1; line >= 0; line--) {
      const index = (lines[line] as string).lastIndexOf(marker);
      if (index !== -1) {
        found.set(marker, { line, index });
        break;
      }
    }
  }
  return found;
}

/** Whether a closing marker occurs at or after `index` of line `line`. */
function closedLater(last: Place | undefined, line: number, index: number): boolean {
  return last !== undefined && (last.line > line || (last.line === line && last.index >= index));
}

/** Appends a line, or continues the previous one when a comment swallowed the line break between them. */
function pushLine(out: string[], line: string, join: boolean): void {
  if (join && out.length > 0) out[out.length - 1] += line;
  else out.push(line);
}

/** SGML comments: a line that opens a comment it does not close is all comment, whatever precedes the opening. */
function removeMarkup(lines: readonly string[], open: string, close: string): string[] {
  const out: string[] = [];
  let inComment = false;
  for (const line of lines) {
    let rest = line;
    if (inComment) {
      const end = rest.indexOf(close);
      if (end === -1) continue;
      rest = rest.slice(end + close.length);
      inComment = false;
    }
    let kept = '';
    for (;;) {
      const start = rest.indexOf(open);
      if (start === -1) {
        kept += rest;
        break;
      }
      const end = rest.indexOf(close, start + open.length);
      if (end === -1) {
        inComment = true;
        break;
      }
      kept += rest.slice(0, start);
      rest = rest.slice(end + close.length);
    }
    if (!inComment) out.push(kept);
  }
  return out;
}

/** Whole lines from a start line to the next end line (the end may follow the start on the same line). */
function removeRegion(lines: readonly string[], start: RegExp, end: RegExp): string[] {
  const out: string[] = [];
  let inRegion = false;
  for (const line of lines) {
    if (inRegion) {
      if (end.test(line)) inRegion = false;
      continue;
    }
    const match = start.exec(line);
    if (!match) {
      out.push(line);
      continue;
    }
    inRegion = !end.test(line.slice(match.index + match[0].length));
  }
  return out;
}

function applyStep(lines: string[], step: CommentStep): string[] {
  switch (step.kind) {
    case 'line':
      return lines.filter((line) => !step.pattern.test(line));
    case 'stream':
      return removeStream(lines, step);
    case 'markup':
      return removeMarkup(lines, step.open, step.close);
    case 'region':
      return removeRegion(lines, step.start, step.end);
    case 'tail': {
      const index = lines.findIndex((line) => step.start.test(line));
      return index === -1 ? lines : lines.slice(0, index);
    }
  }
}

/** Drops blank lines, except one right after a line ending in a backslash where that continues lines. */
function dropBlank(lines: readonly string[], continues: boolean): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (isBlank(line) && !(continues && i > 0 && (lines[i - 1] as string).endsWith('\\'))) continue;
    out.push(line);
  }
  return out;
}

/** Counts one file's lines for a counted language; `text` is the file decoded as latin1 with any BOM removed. */
export function countLines(language: string, text: string): LineCounts {
  const original = splitLines(text);
  const total = original.length;
  const family = COMMENT_STEPS.get(language);
  const continues = family?.backslashContinues === true;
  let lines = dropBlank(original, continues);
  const blank = total - lines.length;
  const firstLine = lines[0];
  for (const step of family?.steps ?? []) {
    if (lines.length === 0) break;
    lines = dropBlank(applyStep(lines, step), continues);
  }
  if (firstLine?.startsWith('#!') && SHEBANG_LANGUAGES.has(language) && lines[0] !== firstLine) lines.unshift(firstLine);
  const code = lines.length;
  return { blank, comment: total - blank - code, code };
}
