/**
 * Copyright statements, holders and authors in ScanCode's shapes (`{copyright, start_line, end_line}`,
 * `{holder, ...}`, `{author, ...}`), found as ScanCode finds them: candidate lines are grouped (a line with a
 * copyright or author marker and the lines that continue it), each group is prepared (prepare.ts), lexed into
 * word classes (lex.ts, classes.ts) and parsed by a grammar over the classes (grammar.ts); the COPYRIGHT and
 * AUTHOR nodes of the parse are the statements, printed and cleaned as ScanCode prints them (refine.ts).
 *
 * Holders are the statement without its copyright words and signs, years, e-mails, URLs and "All rights
 * reserved" (e-mails and URLs are kept when nothing else names the holder). Authors are the names after
 * "Author:", "@author", "Authors:", "Contributors:" or "written/created/developed by".
 */
import type { WordClass } from './classes.js';
import { contains, isNode, leaves, parse, type Node } from './grammar.js';
import { lexLine, type Token } from './lex.js';
import { isBlank, prepareLine } from './prepare.js';
import { cleanup, isJunkName, render, unwrap } from './refine.js';

export interface LineSpan {
  readonly start_line: number;
  readonly end_line: number;
}
export type CopyrightEntry = { copyright: string } & LineSpan;
export type HolderEntry = { holder: string } & LineSpan;
export type AuthorEntry = { author: string } & LineSpan;

export interface Statements {
  copyrights: CopyrightEntry[];
  holders: HolderEntry[];
  authors: AuthorEntry[];
}

export interface NumberedLine {
  readonly text: string;
  readonly line: number;
}

/** Longest stretch of one line that is examined (minified code: the part around the marker). */
const MAX_LINE = 1000;
/** Lines after a marker line that may continue its statement ("Copyright (c) 1999\n   Foo Bar Inc."). */
const CONTINUATION = 2;

/**
 * A copyright or author marker, on the lines MARKER_HINT lets through. A `(c)` that is a call's argument (`f(c)`,
 * `function (c) {`) is not one.
 */
const MARKER =
  /copyright|(?<![\w$.\]])\(c\)(?!\s*[{;),=:]|\s*$)|©|&copy|&#169|copr\.|author|contributor|maintainer|(?:written|created|developed|maintained|contributed|coded|ported) by/i;

/** A looser, faster test than MARKER (no look-around): most examined lines fail it and go no further. */
const MARKER_HINT = /copyr|\(c\)|©|&copy|&#169|author|contributor|maintainer| by/i;

/** Where a copyright or author marker starts in a line, or -1. */
function markerAt(text: string): number {
  if (!MARKER_HINT.test(text)) return -1;
  const match = MARKER.exec(text);
  return match ? match.index : -1;
}

const YEAR_IN_LINE = /\b(?:19[6-9]\d|20[0-4]\d)\b/;

/** Whether a statement may go on after this line across an empty line (ScanCode: a trailing "by", year, ...). */
function continuesAcrossBlank(prepared: string): boolean {
  const end = prepared.toLowerCase().replace(/[^a-z0-9,]+$/, '');
  return /(?:copyright|copyrights|by|and|,|(?:19[6-9]\d|20[0-4]\d))$/.test(end);
}

interface GroupLine {
  /** The line, from its marker on for a marker line (a statement starts at its marker). */
  readonly raw: string;
  readonly line: number;
  readonly marker: boolean;
}

/** Characters kept before a marker: "Portions " and the "SPDX-File" of "SPDX-FileCopyrightText". */
const BEFORE_MARKER = 12;

/**
 * Groups of lines that may hold a statement: a marker line, then up to CONTINUATION lines after it (each line
 * with a year, an e-mail or a marker starts the count again). An empty line ends a group unless the line
 * before it leaves the statement open; a gap in the line numbers (two windows of a file) always does.
 */
function candidateGroups(lines: readonly NumberedLine[]): GroupLine[][] {
  const groups: GroupLine[][] = [];
  let current: GroupLine[] | null = null;
  let left = 0;
  let previousLine = -1;
  let lastText = '';
  const close = (): void => {
    if (current && current.length > 0) groups.push(current);
    current = null;
    left = 0;
  };
  for (const { text, line } of lines) {
    if (line !== previousLine + 1) close();
    previousLine = line;
    const marker = markerAt(text);
    if (marker !== -1) {
      const from = Math.max(0, marker - BEFORE_MARKER);
      const raw = text.slice(from, from + MAX_LINE);
      current ??= [];
      current.push({ raw, line, marker: true });
      lastText = raw;
      left = CONTINUATION;
      continue;
    }
    if (!current) continue;
    if (isBlank(text)) {
      if (continuesAcrossBlank(lastText)) continue;
      close();
      continue;
    }
    if (left === 0) {
      close();
      continue;
    }
    const raw = text.length > MAX_LINE ? text.slice(0, MAX_LINE) : text;
    current.push({ raw, line, marker: false });
    lastText = raw;
    left = YEAR_IN_LINE.test(raw) || raw.includes('@') ? CONTINUATION : left - 1;
  }
  close();
  return groups;
}

/** "All rights reserved", left out of statements as ScanCode leaves it out. */
const NOT_STATEMENT: ReadonlySet<string> = new Set<NodeOrClass>(['ARR']);
/** Tags left out of holders: the statement's words other than the names. */
const NOT_HOLDER: ReadonlySet<string> = new Set<NodeOrClass>(['COPY', 'PORTIONS', 'YRS', 'YR', 'ARR', 'EMAIL', 'URL', 'BY']);
/** The same, keeping e-mails and URLs: for a statement whose only name is an address. */
const NOT_HOLDER_KEEP_ADDRESSES: ReadonlySet<string> = new Set<NodeOrClass>(['COPY', 'PORTIONS', 'YRS', 'YR', 'ARR', 'BY']);
const NOT_AUTHOR: ReadonlySet<string> = new Set<NodeOrClass>(['AUTH', 'AUTH2', 'BY', 'YRS']);
const CONNECTORS: ReadonlySet<string> = new Set<NodeOrClass>(['CC', 'OR', 'DASH']);

type NodeOrClass = WordClass | Node['tag'];

/** Tokens without the connectors at either end ("and", ","). */
function trimConnectors(tokens: Token[]): Token[] {
  let start = 0;
  let end = tokens.length;
  while (start < end && CONNECTORS.has((tokens[start] as Token).tag)) start++;
  while (end > start && CONNECTORS.has((tokens[end - 1] as Token).tag)) end--;
  return tokens.slice(start, end);
}

function span(tokens: readonly Token[]): LineSpan {
  return { start_line: (tokens[0] as Token).line, end_line: (tokens[tokens.length - 1] as Token).line };
}

/**
 * Whether a COPYRIGHT node is a statement: it has a year or an address, or its holder is more than one proper
 * noun, an organisation or a group, or it has both the copyright word and sign. "Copyright Foo" and "(c) Foo"
 * alone are not statements (ScanCode agrees); nor is a bare "Copyright (c)".
 */
function isStatement(node: Node, holder: readonly Token[]): boolean {
  if (contains(node, 'YRS') || contains(node, 'EMAIL')) return true;
  // Without a year, a name in brackets after the word is a commit message's author ("copyright (Jane Doe)").
  if (holder.length === 0 || holder[0]?.value.startsWith('(')) return false;
  if (contains(node, 'URL') || contains(node, 'GROUP') || contains(node, 'ANDCO') || holder.some((t) => t.tag === 'COMP')) return true;
  const names = holder.filter((t) => t.tag === 'NNP').length;
  if (names >= 2) return true;
  const copies = leaves(node).filter((t) => t.tag === 'COPY');
  const signed = copies.some((t) => /^\(c\)/i.test(t.value));
  const worded = copies.some((t) => !/^\(c\)/i.test(t.value));
  return signed && worded && names >= 1;
}

function collectCopyright(node: Node, out: Statements): void {
  const tokens = leaves(node, NOT_STATEMENT);
  let holderTokens = trimConnectors(leaves(node, NOT_HOLDER));
  if (holderTokens.length === 0) holderTokens = trimConnectors(leaves(node, NOT_HOLDER_KEEP_ADDRESSES));
  if (!isStatement(node, holderTokens)) return;
  const copyright = cleanup(render(trimConnectors(tokens)));
  if (copyright === '' || !/[\p{L}\d]/u.test(copyright.replace(/copyright|\(c\)/gi, ''))) return;
  out.copyrights.push({ copyright, ...span(tokens) });
  if (holderTokens.length > 0) {
    const holder = cleanup(render(holderTokens));
    if (!isJunkName(holder)) out.holders.push({ holder, ...span(holderTokens) });
  }
}

function collectAuthor(node: Node, out: Statements): void {
  const tokens = trimConnectors(leaves(node, NOT_AUTHOR));
  // "developed by the Project": an organisation noun alone names no one.
  if (!tokens.some((token) => token.tag === 'NNP' || token.tag === 'NN' || token.tag === 'EMAIL' || token.tag === 'URL')) return;
  const author = unwrap(cleanup(render(tokens)));
  if (!isJunkName(author)) out.authors.push({ author, ...span(tokens) });
}

const STARTS: ReadonlySet<string> = new Set<NodeOrClass>(['COPY', 'AUTH', 'AUTH2']);

/**
 * Whether a marker line may start a statement: a copyright or author marker followed by something other than
 * junk, or ending the line. License prose ("the above copyright notice", "copyright holders") is most marker
 * lines; its groups are neither lexed further nor parsed.
 */
function promising(tokens: readonly Token[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    if (!STARTS.has((tokens[i] as Token).tag)) continue;
    const next = tokens[i + 1];
    if (!next || next.tag !== 'JUNK') return true;
  }
  return false;
}

/** Statements on the given lines (1-based numbers, in increasing order; gaps between windows are allowed). */
function statementsOf(group: readonly GroupLine[]): Statements {
  const out: Statements = { copyrights: [], holders: [], authors: [] };
  // Marker lines first: most groups that are not statements end here.
  const lexed: (Token[] | null)[] = group.map(() => null);
  let worth = false;
  group.forEach((entry, index) => {
    if (!entry.marker) return;
    const tokens: Token[] = [];
    lexLine(prepareLine(entry.raw), entry.line, tokens);
    lexed[index] = tokens;
    if (!worth && promising(tokens)) worth = true;
  });
  if (!worth) return out;
  const tokens: Token[] = [];
  group.forEach((entry, index) => {
    const done = lexed[index];
    if (done) for (const token of done) tokens.push(token);
    else lexLine(prepareLine(entry.raw), entry.line, tokens);
  });
  for (const item of parse(tokens)) {
    if (!isNode(item)) continue;
    if (item.tag === 'COPYRIGHT') collectCopyright(item, out);
    else if (item.tag === 'AUTHOR') collectAuthor(item, out);
  }
  return out;
}

/**
 * Statements of groups already parsed, by their text and line layout, with lines counted from the group's first
 * line. A tree repeats its headers in every file (and a bundle its "@author" lines): each is parsed once.
 */
const seen = new Map<string, Statements>();
const SEEN_LIMIT = 4096;

function shifted<T extends LineSpan>(entries: readonly T[], by: number): T[] {
  return entries.map((entry) => ({ ...entry, start_line: entry.start_line + by, end_line: entry.end_line + by }));
}

/** Statements on the given lines (1-based numbers, in increasing order; gaps between windows are allowed). */
export function findStatements(lines: readonly NumberedLine[]): Statements {
  const out: Statements = { copyrights: [], holders: [], authors: [] };
  for (const group of candidateGroups(lines)) {
    const first = (group[0] as GroupLine).line;
    const key = group.map((entry) => `${entry.line - first}\u0000${entry.raw}`).join('\u0001');
    let found = seen.get(key);
    if (!found) {
      const relative = statementsOf(group.map((entry) => ({ ...entry, line: entry.line - first + 1 })));
      if (seen.size >= SEEN_LIMIT) seen.clear();
      seen.set(key, relative);
      found = relative;
    }
    out.copyrights.push(...shifted(found.copyrights, first - 1));
    out.holders.push(...shifted(found.holders, first - 1));
    out.authors.push(...shifted(found.authors, first - 1));
  }
  return out;
}
