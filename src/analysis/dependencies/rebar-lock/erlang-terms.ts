/**
 * A reader for the Erlang terms rebar3 writes to `rebar.lock`: tuples, lists, binaries (`<<"text">>`), strings,
 * atoms, integers and `%` comments, in a sequence of `Term.` forms. No JavaScript library reads Erlang's text
 * format (the npm term libraries decode the binary external term format), and the lockfile uses only this
 * subset. Every term remembers the offset it starts at, for line numbers.
 */
import { MalformedFileError } from '../record.js';

export type Term =
  | { readonly kind: 'binary' | 'string' | 'atom'; readonly value: string; readonly at: number }
  | { readonly kind: 'integer'; readonly value: number; readonly at: number }
  | { readonly kind: 'tuple' | 'list'; readonly items: readonly Term[]; readonly at: number };

class Reader {
  private at = 0;
  constructor(private readonly text: string) {}

  /** Every form of the text (`Term.`), in order. */
  forms(): Term[] {
    const forms: Term[] = [];
    for (;;) {
      this.skip();
      if (this.at >= this.text.length) return forms;
      forms.push(this.term());
      this.skip();
      if (this.text[this.at] !== '.') this.fail('expected "." after a form');
      this.at++;
    }
  }

  private fail(reason: string): never {
    throw new MalformedFileError(`not Erlang terms: ${reason} at offset ${this.at}`);
  }

  /** Skips whitespace and `%` comments. */
  private skip(): void {
    while (this.at < this.text.length) {
      const char = this.text[this.at] as string;
      if (char === '%') {
        const end = this.text.indexOf('\n', this.at);
        this.at = end < 0 ? this.text.length : end;
      } else if (/\s/.test(char)) this.at++;
      else return;
    }
  }

  /** A `"..."` or `'...'` literal with Erlang's backslash escapes (only `\\` and the quote matter here). */
  private quoted(quote: string): string {
    let value = '';
    this.at++;
    while (this.at < this.text.length && this.text[this.at] !== quote) {
      if (this.text[this.at] === '\\') this.at++;
      value += this.text[this.at] ?? '';
      this.at++;
    }
    if (this.at >= this.text.length) this.fail('unclosed quote');
    this.at++;
    return value;
  }

  private term(): Term {
    this.skip();
    const start = this.at;
    const char = this.text[this.at];
    if (char === '{' || char === '[') {
      const close = char === '{' ? '}' : ']';
      const items: Term[] = [];
      this.at++;
      this.skip();
      if (this.text[this.at] === close) {
        this.at++;
        return { kind: char === '{' ? 'tuple' : 'list', items, at: start };
      }
      for (;;) {
        items.push(this.term());
        this.skip();
        const next = this.text[this.at];
        this.at++;
        if (next === close) return { kind: char === '{' ? 'tuple' : 'list', items, at: start };
        if (next !== ',') this.fail(`expected "," or "${close}"`);
      }
    }
    if (this.text.startsWith('<<', this.at)) {
      this.at += 2;
      this.skip();
      const value = this.text[this.at] === '"' ? this.quoted('"') : '';
      this.skip();
      if (!this.text.startsWith('>>', this.at)) this.fail('unclosed binary');
      this.at += 2;
      return { kind: 'binary', value, at: start };
    }
    if (char === '"') return { kind: 'string', value: this.quoted('"'), at: start };
    if (char === "'") return { kind: 'atom', value: this.quoted("'"), at: start };
    const integer = /^-?\d+/.exec(this.text.slice(this.at, this.at + 32));
    if (integer) {
      this.at += integer[0].length;
      return { kind: 'integer', value: Number(integer[0]), at: start };
    }
    const atom = /^[a-z][A-Za-z0-9_@]*/.exec(this.text.slice(this.at, this.at + 256));
    if (atom) {
      this.at += atom[0].length;
      return { kind: 'atom', value: atom[0], at: start };
    }
    return this.fail(`unexpected ${JSON.stringify(this.text.slice(this.at, this.at + 10))}`);
  }
}

export function parseErlangTerms(text: string): Term[] {
  return new Reader(text).forms();
}

/** The text of a binary, string or atom term. */
export function textOf(term: Term | undefined): string | undefined {
  return term && (term.kind === 'binary' || term.kind === 'string' || term.kind === 'atom') ? term.value : undefined;
}

export function itemsOf(term: Term | undefined, kind: 'tuple' | 'list'): readonly Term[] | undefined {
  return term && term.kind === kind ? term.items : undefined;
}
