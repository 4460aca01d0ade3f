/**
 * The lexer: prepared lines (prepare.ts) become tokens, each with its line number and word class
 * (classes.ts). Words are split on spaces, `=` and `;` (as ScanCode splits them); `=` and `;` themselves stay
 * as tokens of class JUNK so that code (`copyright = "..."`) never reads as a statement. Trailing colons are
 * dropped from the value ("Copyright:" reads "Copyright") but remembered, since "Author:" introduces an author.
 */
import { classify, type WordClass } from './classes.js';

export interface Token {
  /** The word as it will be printed. */
  readonly value: string;
  readonly line: number;
  readonly tag: WordClass;
}

const SPLIT = /\s+|(?=[=;])|(?<=[=;])/;
const SPACES = /\s+/;

/** Tokens of one prepared line. */
export function lexLine(prepared: string, line: number, out: Token[]): void {
  for (const raw of prepared.split(prepared.includes('=') || prepared.includes(';') ? SPLIT : SPACES)) {
    if (raw === '') continue;
    // Quotes around a word are decoration; a comma after a closing quote too ("'Foo',").
    let word = raw.includes("'") ? raw.replace(/^'+|'+(?=,?$)/g, '') : raw;
    const colon = word.length > 1 && word.endsWith(':') && !word.endsWith('::');
    if (colon) word = word.replace(/:+$/, '');
    if (word === '' || word === '.' || word === ':') continue;
    out.push({ value: word, line, tag: classify(word, colon) });
  }
}

