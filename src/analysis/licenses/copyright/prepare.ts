/**
 * Line preparation for copyright detection: what a comment or markup line says, without its decoration.
 * Comment markers (`//`, `#`, ` * `, `/*`, `<!--`, `;;`, `--`, `dnl`, `REM`, `%`, `.\"`), HTML tags and
 * entities, quotes and escape sequences are dropped; every copyright sign (`©`, `&copy;`, `(C)`, `\u00a9`) becomes
 * ` (c) `, so the lexer sees one spelling. Template placeholders (`<year>`, `[name of copyright owner]`,
 * `{{ year }}`, `${author}`) become the word `PLACEHOLDER`, which the word classes treat as junk: a license
 * template's "Copyright (c) <year> <copyright holders>" is not a statement.
 */

/**
 * Leading comment markers, one at a time (`// *`, `# ;`). Each alternative is a plain run, tried at the start
 * of what is left, so long runs of decoration cost linear time.
 */
const LEAD_MARKER = /^(?:\s+|\/\/+!?|\/\*+!?|\*+\/?|#+'?|;+|--+(?:\[\[)?|<!--+|%+|!+|\.\\"|'|"|\|)/;
const LEAD_WORD = /^(?:dnl|rem|@rem)(?:\s+|$)/i;
/** Trailing comment closers and decoration, removed from the end one at a time. */
const TRAIL_CLOSERS = ['*/', '-->', ']]', '"""', "'''"];
const TRAIL_CHARS = ' \t*#/';

function stripLead(text: string): string {
  let out = text;
  for (let match = LEAD_MARKER.exec(out); match && match[0] !== ''; match = LEAD_MARKER.exec(out)) out = out.slice(match[0].length);
  return out.replace(LEAD_WORD, '');
}

function stripTrail(text: string): string {
  let end = text.length;
  for (;;) {
    const before = end;
    while (end > 0 && TRAIL_CHARS.includes(text[end - 1] as string)) end--;
    for (const closer of TRAIL_CLOSERS) if (text.endsWith(closer, end)) end -= closer.length;
    if (end === before) return text.slice(0, end);
  }
}

/** Copyright signs in every spelling, as ScanCode normalises them: `(c)`. Not `f(c)` in code. */
const SIGNS = /(?<![\w$.\]])\(\s*[cC]\s*\)|©|&copy;?|&#169;|&#xa9;|\\u00a9|\\xa9|\\251|\|copy\|/gi;

/** Entities and escapes that stand for a space or a plain character. */
const ENTITIES: readonly [RegExp, string][] = [
  [/&(?:nbsp|ensp|emsp|thinsp|#160|#13|#10);/gi, ' '],
  [/&(?:amp|#38);/gi, '&'],
  [/&(?:lt|#60);/gi, '<'],
  [/&(?:gt|#62);/gi, '>'],
  [/&(?:quot|#34|apos|#39);/gi, "'"],
  [/\\[nrt0]/g, ' '],
];

/**
 * Placeholders of license templates and code templates. The bracketed ones must hold a placeholder word, so
 * `<jane@example.com>` and `[MIT]` stay.
 */
const PLACEHOLDERS =
  /[<[{]+\s*(?:insert\s+)?(?:the\s+)?(?:current\s+)?(?:(?:name|names|full\s*name|fullname)\s+of\s+(?:the\s+)?(?:copyright\s+)?(?:owner|holder|author)s?|copyright\s+(?:owner|holder|year)s?|owner|owners|holder|holders|author|authors|organi[sz]ation|company|year|years|yyyy|name|fullname|full\s+name|date|email)(?:\(s\))?\s*[>\]}]+|\$\{[^}]*\}|\{\{[^}]*\}\}|<%[^%]*%>|\$(?:year|author|owner|date|holder)\b|@(?:year|author|owner|holder)@|%(?:year|author|owner)%/gi;

/** `[text](address)`. */
const MARKDOWN_LINK = /\[([^\]]+)\]\(([^)\s]+)\)/g;

/** HTML/XML tags (never an e-mail or URL in angle brackets). */
const TAGS = /<\/?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>@]*)?\/?>/g;

/** Prepares one line: the words of the line with markers, markup and decoration gone. */
export function prepareLine(line: string): string {
  let text = line;
  if (text.includes('&') || text.includes('\\')) for (const [pattern, value] of ENTITIES) text = text.replace(pattern, value);
  text = text.replace(PLACEHOLDERS, ' PLACEHOLDER ');
  if (text.includes('<')) text = text.replace(TAGS, ' ');
  text = stripTrail(stripLead(text));
  // "Copyright(c)" and "Copyright©" keep their sign; a Markdown link reads as its text and address.
  text = text.replace(/(copyright)(?=\(c\)|©)/gi, '$1 ').replace(MARKDOWN_LINK, '$1 ($2)');
  text = text.replace(SIGNS, ' (c) ');
  // Quotes and backquotes around values (`"copyright": "..."`), stars, pipes and tabs are decoration.
  text = text.replace(/["`*|\t\u00a0]+/g, ' ');
  // "et al." is one word for the lexer (a no-break joiner that the output turns back into a space).
  text = text.replace(/\bet\.?\s+al\b\.?/gi, 'et\u2060al.');
  return text.trim();
}

/** Characters that are not letters or digits: a line of them (`----`, `* * *`) says nothing. */
export function isBlank(prepared: string): boolean {
  return !/[\p{L}\p{N}]/u.test(prepared);
}
