/**
 * Copyright statements, holders and authors from comment and text lines, in ScanCode's shapes
 * (`{copyright, start_line, end_line}`, `{holder, ...}`, `{author, ...}`). A statement needs a year, a
 * `(c)`/`©` sign or a capitalised name right after "Copyright", so license prose ("the above copyright notice",
 * "copyright holders") and code (`copyright: string`) are not taken for statements.
 */

export interface LineSpan {
  readonly start_line: number;
  readonly end_line: number;
}
export type CopyrightEntry = { copyright: string } & LineSpan;
export type HolderEntry = { holder: string } & LineSpan;
export type AuthorEntry = { author: string } & LineSpan;

// Leading comment markers and decoration: // # * /* <!-- -- ; ! " and spaces.
const LEAD = /^[\s/#*!;"'`<>-]*/;
const TRAIL = /\s*(?:\*+\/|-->|\*\/|"""|''')?\s*$/;

const STATEMENT =
  /(?:\bcopyright\b\s*(?:\(c\)|©|&copy;)?|©|\(c\)(?=\s*\d{4}))\s*(?:(?:\d{4}(?:\s*[-–,]\s*(?:\d{4}|\d{2}|present))*)[,.]?\s*)?([^\n]*)/i;

const NOT_A_NAME =
  /^(?:notice|notices|holder|holders|owner|owners|law|laws|statement|and|or|license|licen[cs]e|the|this|of|to|is|in|on|for|protection|information|text|\(c\)|info|symbol|sign|year|years|line|lines|header|headers|check|policy|status|field|string|date)\b/i;

const YEAR = /\b(?:19|20)\d{2}\b/;

function clean(text: string): string {
  return text.replace(LEAD, '').replace(TRAIL, '').replace(/\s+/g, ' ').trim();
}

/** The holder in a statement: without the copyright sign, years, "All rights reserved", e-mails and URLs. */
export function holderOf(statement: string): string | null {
  const holder = statement
    .replace(/\bcopyright\b|\(c\)|©|&copy;/gi, ' ')
    .replace(/\b(?:19|20)\d{2}\b(?:\s*[-–,]\s*(?:(?:19|20)?\d{2}|present)\b)*/g, ' ')
    .replace(/all rights reserved\.?/gi, ' ')
    .replace(/<[^>]*@[^>]*>|\S+@\S+\.\w+/g, ' ')
    .replace(/\(?https?:\/\/\S+\)?|\[|\]/g, ' ')
    .replace(/^\s*(?:by|,|\.|-|:)\s*/i, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,.:;-]+|[\s,.:;-]+$/g, '')
    .trim();
  return holder.length >= 2 && /[A-Za-z]/.test(holder) ? holder : null;
}

function statementOf(line: string): string | null {
  const body = clean(line);
  const match = STATEMENT.exec(body);
  if (!match) return null;
  const before = body.slice(0, match.index);
  // "... the above copyright notice ..." inside a sentence is prose, not a statement.
  if (/[a-z]\s*$/i.test(before) && !/(?:^|\s)(?:©|\(c\))/i.test(match[0])) return null;
  const rest = (match[1] ?? '').trim();
  const signed = /\(c\)|©|&copy;/i.test(match[0]);
  const dated = YEAR.test(match[0]);
  if (!signed && !dated) {
    // "Copyright Joyent, Inc. and other contributors": a capitalised name straight after the word.
    if (!/^[A-Z]/.test(rest) || NOT_A_NAME.test(rest)) return null;
  } else if (rest === '' && !dated) return null;
  if (NOT_A_NAME.test(rest) && !dated) return null;
  const statement = body.slice(match.index).replace(/\s*\*\/.*$/, '').trim();
  return statement.length > 200 ? statement.slice(0, 200) : statement;
}

const AUTHOR = /^(?:@authors?\b:?|authors?\s*:|written by|authored by|contributed by|created by)\s*(.{2,120})$/i;

export interface Statements {
  copyrights: CopyrightEntry[];
  holders: HolderEntry[];
  authors: AuthorEntry[];
}

/** Statements on the given lines (1-based numbers). Each line is read once; duplicates on one line are not. */
export function findStatements(lines: readonly { text: string; line: number }[]): Statements {
  const out: Statements = { copyrights: [], holders: [], authors: [] };
  for (const { text, line } of lines) {
    if (text.length > 400) continue; // minified code: no statements worth reporting, and slow to scan
    const lower = text.toLowerCase();
    if (lower.includes('copyright') || text.includes('©') || lower.includes('(c)')) {
      const statement = statementOf(text);
      if (statement) {
        out.copyrights.push({ copyright: statement, start_line: line, end_line: line });
        const holder = holderOf(statement);
        if (holder) out.holders.push({ holder, start_line: line, end_line: line });
        continue;
      }
    }
    if (lower.includes('author') || lower.includes(' by ')) {
      const author = AUTHOR.exec(clean(text));
      if (author) out.authors.push({ author: (author[1] as string).trim(), start_line: line, end_line: line });
    }
  }
  return out;
}
