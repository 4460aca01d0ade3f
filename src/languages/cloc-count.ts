/**
 * Blank, comment and code lines of one file, counted the way cloc 1.96 counts them with upstream's invocation
 * (`cloc <dir> --json`, i.e. without --strip-str-comments, --inline or --docstring-as-code):
 * 1. lines are split on "\n"; blank lines (only whitespace) are removed, except a blank line that follows a line
 *    ending in the language's continuation marker;
 * 2. the language's filters (cloc's Filters_by_Language, see cloc-data.ts) run in order, and lines left blank
 *    by each filter are removed;
 * 3. code = lines left; comment = total - blank - code.
 * Quirks are cloc's and kept on purpose, because the point is to agree with it: comment markers inside strings
 * are not recognised as strings (`"http://x"` starts a `//` comment), Python lines holding C comment markers are
 * dropped, and so on.
 *
 * Why not a library: the npm counters (sloc, node-sloc, ...) have their own language tables and rules, and
 * their counts differ from cloc's by design; agreeing with cloc needs cloc's filters, run as cloc runs them.
 * Text is handled as latin1 (one char per byte) and `\s` as Perl's ASCII whitespace, as cloc sees bytes.
 */
import { CLOC_EOL_CONTINUATION, CLOC_FILTERS, CLOC_SCRIPTS } from './cloc-data.js';

/** Languages cloc recognises by `#!`: their first `#!` line is code even where `#` starts a comment. */
const SCRIPT_LANGUAGES = new Set(Object.values(CLOC_SCRIPTS));

export interface LineCounts {
  blank: number;
  comment: number;
  code: number;
}

const BLANK = /^[\t\n\v\f\r ]*$/;
const isBlank = (line: string): boolean => BLANK.test(line);

/** A Perl regex from cloc's tables as a JS RegExp: ASCII `\s`, `\g1` back-references. */
export function perlRegex(source: string, flags = ''): RegExp {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i] as string;
    if (ch === '\\') {
      const next = source[i + 1] ?? '';
      i++;
      if (next === 's') out += inClass ? '\\t\\n\\v\\f\\r ' : '[\\t\\n\\v\\f\\r ]';
      else if (next === 'S') out += inClass ? '\\S' : '[^\\t\\n\\v\\f\\r ]';
      else if (next === 'g' && /\d/.test(source[i + 1] ?? '')) out += '\\';
      else out += '\\' + next;
      continue;
    }
    if (ch === '[' && !inClass) inClass = true;
    else if (ch === ']' && inClass) inClass = false;
    out += ch;
  }
  return new RegExp(out, flags);
}

const regexCache = new Map<string, RegExp>();
function cached(source: string, flags = ''): RegExp {
  const key = `${flags}/${source}`;
  let regex = regexCache.get(key);
  if (!regex) {
    regex = perlRegex(source, flags);
    regexCache.set(key, regex);
  }
  return regex;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** cloc's remove_matches / remove_matches_2re: drop lines matching `pattern` (case-insensitive). */
function removeMatches(lines: readonly string[], pattern: RegExp, continuation: RegExp | null): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (pattern.test(line) && (i === 0 || !continuation || !continuation.test(lines[i - 1] as string))) continue;
    out.push(line);
  }
  return out;
}

// Regexp::Common's comment patterns, as cloc uses them (line comments take their newline with them). Its C
// block `/\*(?:[^*]+|\*(?!/))*\*\/` is written unrolled here: same matches, but linear where V8 would backtrack
// exponentially on an unterminated comment.
const C_BLOCK = String.raw`/\*[^*]*\*+(?:[^*/][^*]*\*+)*/`;
const REGEXP_COMMON: Readonly<Record<string, RegExp>> = {
  C: new RegExp(C_BLOCK, 'g'),
  'C++': new RegExp(String.raw`//[^\n]*\n|${C_BLOCK}`, 'g'),
  HTML: /<!(?:--[^-]*(?:-[^-]+)*--[\t\n\v\f\r ]*)*>/g,
  Pascal: /(?:[{]|[(][*])[^}*]*(?:[*](?![)])[^}*]*)*(?:[}]|[*][)])/g,
  'PL/SQL': new RegExp(String.raw`--[^\n]*\n|${C_BLOCK}`, 'g'),
  Smalltalk: /"[^"]*"/g,
};

function callRegexpCommon(lines: readonly string[], language: string): string[] {
  const regex = REGEXP_COMMON[language];
  if (!regex) return [...lines];
  let all: string;
  if (language === 'C++') {
    // cloc appends "\n" to each (already newline-terminated) line unless it ends with a backslash.
    all = lines.map((line) => (line.endsWith('\\') ? `${line}\n` : `${line}\n\n`)).join('');
  } else {
    all = lines.map((line) => `${line}\n`).join('');
  }
  // Perl's split drops trailing empty fields (it matters: a kept blank line after a `\` line would count).
  const out = all.replace(regex, '').split('\n');
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/** cloc's remove_between_general / remove_between_regex (same algorithm, literal or regex markers). */
function removeBetween(lines: readonly string[], start: string, end: string): string[] {
  const oneLine = new RegExp(`${start}.*?${end}`, 'g');
  const endRe = new RegExp(end);
  const upToEnd = new RegExp(`^.*?${end}`);
  const startRe = new RegExp(`^(.*?)${start}`);
  const fromStart = new RegExp(`^(.*?)${start}.*$`);
  const out: string[] = [];
  let inComment = false;
  for (let line of lines) {
    if (isBlank(line)) continue;
    line = line.replace(oneLine, '');
    if (isBlank(line)) continue;
    if (inComment) {
      if (endRe.test(line)) {
        line = line.replace(upToEnd, '');
        inComment = false;
      }
      if (inComment) continue;
    }
    if (isBlank(line)) continue;
    const startMatch = startRe.exec(line);
    if (startMatch) inComment = true;
    if (startMatch && isBlank(startMatch[1] ?? '')) continue;
    if (inComment) line = line.replace(fromStart, '$1');
    out.push(line);
  }
  return out;
}

/** cloc's remove_html_comments and remove_jsp_comments: a line that opens a comment is dropped entirely. */
function removeMarkupComments(lines: readonly string[], open: string, close: string): string[] {
  const oneLine = new RegExp(`${open}.*?${close}`, 'g');
  const closeRe = new RegExp(close);
  const upToClose = new RegExp(`^.*?${close}`);
  const openRe = new RegExp(`^(.*?)${open}`);
  const out: string[] = [];
  let inComment = false;
  for (let line of lines) {
    if (isBlank(line)) continue;
    line = line.replace(oneLine, '');
    if (isBlank(line)) continue;
    if (inComment && closeRe.test(line)) {
      line = line.replace(upToClose, '');
      inComment = false;
    }
    if (isBlank(line)) continue;
    const openMatch = openRe.exec(line);
    if (openMatch) inComment = true;
    if (openMatch && isBlank(openMatch[1] ?? '')) continue;
    if (inComment) continue;
    out.push(line);
  }
  return out;
}

/** cloc's docstring_to_C: Python triple-quoted strings become C comments for the C filter that follows. */
function docstringToC(lines: readonly string[]): string[] {
  let inDocstring = false;
  return lines.map((original) => {
    let line = original;
    while (/("""|''')/.test(line)) {
      if (!inDocstring) {
        line = line.replace(/[uU]?("""|''')/, '/*');
        inDocstring = true;
      } else {
        line = line.replace(/("""|''')/, '*/');
        inDocstring = false;
      }
    }
    return line;
  });
}

function elixirDocToC(lines: readonly string[]): string[] {
  let inDocstring = false;
  return lines.map((line) => {
    const open = /(@(module)?doc[\t\n\v\f\r ]+(~[sScC])?['"]{3})/.exec(line);
    if (!inDocstring && open) {
      inDocstring = true;
      return line.replace(open[1] as string, '/*');
    }
    const close = /(['"]{3})/.exec(line);
    if (inDocstring && close) {
      inDocstring = false;
      return line.replace(close[1] as string, '*/');
    }
    return line;
  });
}

function removeHaskellComments(lines: readonly string[], path: string): string[] {
  const isElm = path.endsWith('.elm');
  const out: string[] = [];
  let inComment = 0;
  for (let line of lines) {
    if (/^[\t\n\v\f\r ]*\{-#/.test(line)) {
      out.push(line);
      continue;
    }
    const opens = (line.match(/\{-/g) ?? []).length;
    const closes = (line.match(/-\}/g) ?? []).length;
    line = line.replace(/\{-.*?-\}/g, '');
    if (inComment) {
      if (/-\}/.test(line)) {
        line = line.replace(/^.*?-\}/, '');
        inComment = isElm ? inComment + opens - closes : 0;
      } else line = '';
    } else {
      line = line.replace(/--.*/, '');
      if (/\{-/.test(line) && !/\{-#/.test(line)) {
        line = line.replace(/\{-.*/, '');
        inComment = isElm ? inComment + opens - closes : 1;
      }
    }
    if (/[^\t\n\v\f\r ]/.test(line)) out.push(line);
  }
  return out;
}

/** The replacement of replace_between_regex: a Perl double-quoted string evaluated by `/ee`. */
function perlReplacement(expression: string): string {
  const quoted = /^"(.*)"$/.exec(expression);
  return quoted ? (quoted[1] as string) : expression;
}

function applyFilter(lines: string[], filter: readonly (string | number)[], path: string): string[] {
  const [name, ...args] = filter.map(String);
  switch (name) {
    case 'remove_matches':
      return removeMatches(lines, cached(args[0] ?? '', 'i'), null);
    case 'call_regexp_common':
      return callRegexpCommon(lines, args[0] ?? '');
    case 'remove_html_comments':
      return removeMarkupComments(lines, '<!--', '-->');
    case 'remove_jsp_comments':
      return removeMarkupComments(lines, '<%--', '--%>');
    case 'remove_between_general':
      return removeBetween(lines, escapeRegex(args[0] ?? ''), escapeRegex(args[1] ?? ''));
    case 'remove_between_regex':
      return removeBetween(lines, perlRegex(args[0] ?? '').source, perlRegex(args[1] ?? '').source);
    case 'docstring_to_C':
      return docstringToC(lines);
    case 'elixir_doc_to_C':
      return elixirDocToC(lines);
    case 'remove_haskell_comments':
      return removeHaskellComments(lines, path);
    case 'remove_above': {
      const marker = cached(args[0] ?? '');
      const index = lines.findIndex((line) => marker.test(line));
      return index === -1 ? lines : lines.slice(index);
    }
    case 'remove_below': {
      const marker = cached(args[0] ?? '');
      const index = lines.findIndex((line) => marker.test(line));
      return index === -1 ? lines : lines.slice(0, index);
    }
    case 'remove_below_above': {
      const below = cached(args[0] ?? '');
      const above = cached(args[1] ?? '');
      let between = false;
      return lines.filter((line) => {
        if (!between && below.test(line)) {
          between = true;
          return false;
        }
        if (between && above.test(line)) {
          between = false;
          return false;
        }
        return !between;
      });
    }
    case 'replace_regex': {
      const regex = perlRegex(args[0] ?? '', 'g');
      const replacement = args[1] ?? '';
      return lines.map((line) => line.replace(regex, replacement)).filter((line) => !isBlank(line));
    }
    case 'replace_between_regex': {
      // Used by Java/Groovy/Gradle/Xtend to neutralise comment markers inside string literals; the end pattern
      // is always `(.*?)`, which matches nothing, so only the one-line substitution has an effect.
      const regex = perlRegex(`${args[0] ?? ''}.*?${args[1] ?? ''}`, 'g');
      const replacement = perlReplacement(args[2] ?? '');
      return lines.filter((line) => !isBlank(line)).map((line) => line.replace(regex, replacement)).filter((line) => !isBlank(line));
    }
    default:
      // rm_comments_in_strings and remove_inline only act with --strip-str-comments / --inline, which upstream
      // does not pass; add_newlines does not change counts. Filters of rare languages (Fortran, COBOL, OCaml,
      // PowerShell, Smarty, Pug, Slim, Haml, JCL, notebooks, Rmd, Brainfuck, Forth) are not ported: those
      // languages count every non-blank line as code (docs/compatibility.md).
      return lines;
  }
}

/** Splits like Perl's line reads: on "\n", the last line counted whether or not it ends with one. */
export function splitLines(text: string): string[] {
  if (text.length === 0) return [];
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  return lines;
}

/** Counts one file's lines for a cloc language; `text` is the file decoded as latin1 with any BOM removed. */
export function countLines(language: string, text: string, path = ''): LineCounts {
  const original = splitLines(text);
  const total = original.length;
  const continuationSource = CLOC_EOL_CONTINUATION[language];
  const continuation = continuationSource ? cached(continuationSource, 'i') : null;
  let lines = removeMatches(original, BLANK, continuation);
  const blank = total - lines.length;
  if (lines.length > 0) {
    const firstLine = lines[0] as string;
    for (const filter of CLOC_FILTERS[language] ?? []) {
      lines = applyFilter(lines, filter, path);
      lines = removeMatches(lines, BLANK, continuation);
    }
    if (SCRIPT_LANGUAGES.has(language) && firstLine.startsWith('#!') && (lines.length === 0 || lines[0] !== firstLine)) {
      lines.unshift(firstLine);
    }
  }
  const code = lines.length;
  return { blank, comment: total - blank - code, code };
}
