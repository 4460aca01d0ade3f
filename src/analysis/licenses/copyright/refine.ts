/**
 * From parsed tokens to the strings ScanCode reports: words joined by single spaces, `(c)` for every sign,
 * `SPDX-FileCopyrightText` read as "Copyright", a repeated copyright word said once, unbalanced brackets and edge
 * punctuation dropped, a final period dropped unless it belongs to an abbreviation ("Inc.", "Co.", "U.S.A.").
 */
import type { Token } from './lex.js';

const COPY_WORD = /^[@(.]*(?:copyrights?|copyrighted|copr\.?|spdx-(?:file|snippet)copyrighttext|assemblycopyright|bundle-copyright)[.,]?$/i;

/** How a token is printed: signs as `(c)`, the SPDX and .NET tags as "Copyright", the no-break joiner as a space. */
function printed(token: Token): string {
  if (token.tag === 'COPY') {
    if (/^\(c\),?$/i.test(token.value)) return '(c)';
    if (/spdx-|assembly|bundle-/i.test(token.value)) return 'Copyright';
    return token.value.replace(/^[@.]+/, '');
  }
  return token.value.replace(/\u2060/g, ' ');
}

/** The words of tokens, with a copyright word followed by another ("copyright: Copyright (c) ...") said once. */
export function render(tokens: readonly Token[]): string {
  const words: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const next = tokens[i + 1];
    if (token.tag === 'COPY' && COPY_WORD.test(token.value) && next?.tag === 'COPY' && COPY_WORD.test(next.value)) continue;
    words.push(printed(token));
  }
  return words.join(' ');
}

/** Replaces with spaces the brackets of one kind that have no partner. */
function stripUnbalanced(text: string, open: string, close: string): string {
  if (!text.includes(open) && !text.includes(close)) return text;
  const chars = [...text];
  const stack: number[] = [];
  const unmatched: number[] = [];
  chars.forEach((char, index) => {
    if (char === open) stack.push(index);
    else if (char === close) {
      if (stack.length > 0) stack.pop();
      else unmatched.push(index);
    }
  });
  for (const index of [...unmatched, ...stack]) chars[index] = ' ';
  return chars.join('');
}

/** A final period that belongs to the last word: "Inc.", "Co.", "S.A.", "U.S.A.", a single initial. */
function keepsPeriod(text: string): boolean {
  const last = text.slice(text.lastIndexOf(' ') + 1);
  if (/^(?:inc|corp|ltd|llc|llp|co|plc|bros|jr|sr|univ|al)\.$/i.test(last)) return true;
  if (/\.[\p{L}]{1,2}\.$/u.test(last)) return true; // S.A., B.V., e.V., U.S.A.
  return /^[\p{Lu}]\.$/u.test(last) && text.includes(' ');
}

/** Normalises spacing and edge punctuation of a statement, holder or author. */
export function cleanup(text: string): string {
  let out = text;
  out = stripUnbalanced(out, '(', ')');
  out = stripUnbalanced(out, '<', '>');
  out = stripUnbalanced(out, '[', ']');
  out = out.replace(/\s+/g, ' ').replace(/\s+([,;])/g, '$1');
  for (;;) {
    const before = out;
    out = out.replace(/^[\s,;:/|~+-]+|[\s,;:/|~+-]+$/g, '');
    if (out.endsWith('.') && !keepsPeriod(out)) out = out.slice(0, -1);
    if (out === before) break;
  }
  return out;
}

/** Strips one pair of brackets around the whole text: "(Anatol Pomazau)" reads "Anatol Pomazau". */
export function unwrap(text: string): string {
  const match = /^\((.*)\)$/.exec(text);
  return match && !/[()]/.test(match[1] as string) ? (match[1] as string).trim() : text;
}

/** Holders and authors that are words of prose, not names. */
const JUNK_NAMES = new Set(['the', 'a', 'an', 'c', 'and', 'or', 'by', 'author', 'holder', 'holders', 'owner', 'others', 'year', 'name']);

export function isJunkName(text: string): boolean {
  return text.length < 2 || JUNK_NAMES.has(text.toLowerCase()) || !/[\p{L}\d]/u.test(text);
}
