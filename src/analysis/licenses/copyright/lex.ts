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
  /** A proper noun that ends its sentence ("Doe." does; "J.", "U.S.A." and "Jr." do not): a name ends there. */
  readonly endsSentence: boolean;
}

/** Titles and abbreviations whose period does not end a sentence. */
const ABBREVIATIONS = new Set(['dr', 'mr', 'mrs', 'ms', 'jr', 'sr', 'st', 'prof', 'no', 'vol', 'dept', 'univ']);

function endsSentence(value: string): boolean {
  if (!value.endsWith('.')) return false;
  const word = value.slice(0, -1).replace(/^[(<[]+/, '');
  if (word.length <= 2 || word.includes('.')) return false;
  return !ABBREVIATIONS.has(word.toLowerCase());
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
    const tag = classify(word, colon);
    out.push({ value: word, line, tag, endsSentence: tag === 'NNP' && endsSentence(word) });
  }
}

