/**
 * A parser for classic yarn (v1) lockfiles.
 *
 * Why not @yarnpkg/parsers' `parseSyml` (which we use for Berry files): it parses v1 files with a PEG grammar
 * that took 400-650 ms for a 5,000-entry file here (the whole extraction budget of a large monorepo is 1 s),
 * and it keeps no positions, which we need for line numbers. The v1 format is frozen and small: `#` comments;
 * entries whose header (column 0) lists comma-separated, possibly quoted descriptors and ends with `:`; under
 * it, indented `key value` pairs and `key:` sections one level deeper. Values are bare words or JSON-style
 * quoted strings. That is all this parser reads (the grammar of yarn v1's own `lockfile/parse.js`).
 */
import { MalformedFileError } from '../record.js';

export interface YarnV1Entry {
  /** The descriptors of the header (`name@range`), unquoted. */
  readonly descriptors: readonly string[];
  /** 1-based line of the header. */
  readonly line: number;
  readonly fields: Record<string, string | Record<string, string>>;
}

function unquote(token: string, lineNumber: number): string {
  if (!token.startsWith('"')) return token;
  try {
    return JSON.parse(token) as string;
  } catch {
    throw new MalformedFileError(`line ${lineNumber}: bad quoted string ${token}`);
  }
}

/** Splits `key value` where either may be a quoted string. */
function splitPair(text: string, lineNumber: number): [string, string] {
  let keyEnd: number;
  if (text.startsWith('"')) {
    keyEnd = 1;
    while (keyEnd < text.length && text[keyEnd] !== '"') keyEnd += text[keyEnd] === '\\' ? 2 : 1;
    keyEnd++;
  } else {
    keyEnd = text.search(/\s/);
    if (keyEnd < 0) keyEnd = text.length;
  }
  const key = unquote(text.slice(0, keyEnd), lineNumber);
  const value = text.slice(keyEnd).trim();
  return [key, unquote(value, lineNumber)];
}

/** Splits a header (`"a@^1", a@^2:` without the colon) into its descriptors. */
function splitHeader(header: string, lineNumber: number): string[] {
  const descriptors: string[] = [];
  let at = 0;
  while (at < header.length) {
    while (header[at] === ' ' || header[at] === ',') at++;
    if (at >= header.length) break;
    let end: number;
    if (header[at] === '"') {
      end = at + 1;
      while (end < header.length && header[end] !== '"') end += header[end] === '\\' ? 2 : 1;
      end++;
    } else {
      end = header.indexOf(',', at);
      if (end < 0) end = header.length;
    }
    descriptors.push(unquote(header.slice(at, end).trim(), lineNumber));
    at = end;
  }
  return descriptors;
}

export function parseYarnV1(text: string): YarnV1Entry[] {
  const entries: YarnV1Entry[] = [];
  const lines = text.split('\n');
  let entry: { descriptors: string[]; line: number; fields: Record<string, string | Record<string, string>> } | undefined;
  let section: Record<string, string> | undefined;
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index] as string;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const lineNumber = index + 1;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const indent = line.length - line.trimStart().length;
    if (indent === 0) {
      if (!trimmed.endsWith(':')) throw new MalformedFileError(`line ${lineNumber}: expected an entry header ending with ":"`);
      entry = { descriptors: splitHeader(trimmed.slice(0, -1), lineNumber), line: lineNumber, fields: {} };
      entries.push(entry);
      section = undefined;
    } else if (!entry) {
      throw new MalformedFileError(`line ${lineNumber}: indented line outside an entry`);
    } else if (indent <= 2) {
      if (trimmed.endsWith(':') && !trimmed.includes(' ')) {
        section = {};
        entry.fields[unquote(trimmed.slice(0, -1), lineNumber)] = section;
      } else {
        section = undefined;
        const [key, value] = splitPair(trimmed, lineNumber);
        entry.fields[key] = value;
      }
    } else {
      if (!section) throw new MalformedFileError(`line ${lineNumber}: nested value outside a section`);
      const [key, value] = splitPair(trimmed, lineNumber);
      section[key] = value;
    }
  }
  return entries;
}
