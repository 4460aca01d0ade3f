/**
 * Tokens as ScanCode's license detection sees them, written from its documentation: the text is lower-cased and
 * cut into words, a word being a run of letters and digits that may hold one `+` (`gpl-2.0+` gives `gpl`, `2`,
 * `0+`; `c++` gives `c+`). Punctuation and white space separate words and are dropped, and so are words that are
 * markup rather than prose (HTML tags and entities, comment-line markers), so that a license rendered as HTML,
 * DocBook or a batch file tokenises like its plain text.
 *
 * Rules and queries go through the same function: the index (licensedb-build.ts) and the matcher must agree,
 * and the index's key hashes this module, so an edit here rebuilds the index.
 */

/**
 * Words that are markup, not license prose. Dropping `a` (the HTML anchor) drops the English article too; ScanCode
 * does the same, which keeps rule lengths and coverage comparable with its results.
 */
const MARKUP_WORDS: readonly string[] = [
  // character entities (&quot; &lt; &nbsp; ...) and typographic ones (&ldquo; &mdash; ...)
  'amp', 'apos', 'gt', 'lt', 'nbsp', 'quot',
  'bdquo', 'ldquo', 'ldquor', 'lsaquo', 'lsquo', 'lsquor', 'raquo', 'rdquo', 'rdquor', 'rsaquo', 'rsquo', 'rsquor', 'sbquo',
  'emdash', 'mdash', 'ndash', 'ge', 'le', 'lpar', 'rpar', 'comma', 'period', 'colon', 'semi', 'tilde',
  'emsp', 'ensp', 'numsp', 'puncsp', 'thinsp', 'hairsp', 'bull', 'bullet', 'x3c', 'x3e',
  // HTML elements and attributes (<a href=...>, <p>, <li>, <pre class=...>)
  'a', 'abbr', 'alt', 'blockquote', 'body', 'br', 'class', 'div', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'hr', 'href',
  'img', 'li', 'ol', 'p', 'pre', 'rel', 'script', 'span', 'src', 'td', 'th', 'tr', 'ul',
  // <s> in Debian copyright files; DocBook's <para> and <ulink>
  's', 'para', 'ulink',
  // comment-line markers: batch files (REM) and autoconf (dnl)
  'rem', 'dnl',
];

const STOPWORDS: ReadonlySet<string> = new Set(MARKUP_WORDS);

/** Whether a (lower-case) word is markup that tokenisation drops. */
export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

// A word: letters and digits (any script), with at most one `+` inside or at its end. `_` separates words.
const WORD = /[\p{L}\p{N}]+\+?[\p{L}\p{N}]*/gu;
// Rule texts also mark required phrases with `{{` and `}}`.
const WORD_OR_MARKER = /\{\{|\}\}|[\p{L}\p{N}]+\+?[\p{L}\p{N}]*/gu;

/** The words of a text, lower-cased, markup words dropped. */
export function tokenize(text: string): string[] {
  const words: string[] = [];
  for (const [word] of text.toLowerCase().matchAll(WORD)) if (!STOPWORDS.has(word)) words.push(word);
  return words;
}

export interface RuleTokens {
  readonly words: string[];
  /**
   * Required phrases, `{{...}}` in the rule text, as token ranges [start, end) into `words`: a match of the rule
   * must contain each of them whole. Phrases that hold no word are left out.
   */
  readonly required: [number, number][];
}

/** The words of a rule text and its required phrases. The markers are not words; unbalanced ones are ignored. */
export function tokenizeRule(text: string): RuleTokens {
  const words: string[] = [];
  const required: [number, number][] = [];
  let open = -1;
  for (const [token] of text.toLowerCase().matchAll(WORD_OR_MARKER)) {
    if (token === '{{') open = words.length;
    else if (token === '}}') {
      if (open >= 0 && words.length > open) required.push([open, words.length]);
      open = -1;
    } else if (!STOPWORDS.has(token)) words.push(token);
  }
  return { words, required };
}

export interface PositionedWords {
  readonly words: string[];
  /** 1-based line of each word. */
  readonly lines: number[];
  /** Offset of each word in `lower`. */
  readonly offsets: number[];
  /** The text, lower-cased (what offsets index). */
  readonly lower: string;
}

/** The words of a query text as `tokenize` gives them, each with its 1-based line (for match line ranges). */
export function tokenizeWithLines(text: string): PositionedWords {
  const words: string[] = [];
  const lines: number[] = [];
  const offsets: number[] = [];
  const lower = text.toLowerCase();
  let line = 1;
  let scanned = 0;
  for (const match of lower.matchAll(WORD)) {
    const word = match[0];
    const at = match.index;
    // Count the newlines between the previous word and this one (indexOf is native; no per-character loop in JS).
    for (let nl = lower.indexOf('\n', scanned); nl !== -1 && nl < at; nl = lower.indexOf('\n', nl + 1)) line++;
    scanned = at;
    if (STOPWORDS.has(word)) continue;
    words.push(word);
    lines.push(line);
    offsets.push(at);
  }
  return { words, lines, offsets, lower };
}
