/**
 * License text normalisation as licensee does it (lib/licensee/content_helper.rb, 9.15), so that the same text
 * scores the same here and there: titles, version lines, copyright lines, markup (markdown, comments, borders,
 * bullets, links), quotes, dashes, `&`, http/https and British/American spellings are made uniform, then the
 * text is reduced to one line of lower-case words separated by single spaces.
 *
 * Ruby regexes differ from JavaScript's: `^`/`$` are always line anchors (here: the `m` flag), `\A` is the
 * string start (here: `^` without `m`, which V8 also tries at position 0 only) and Ruby's `/m` is JS's `/s`.
 */


/** Legally equivalent spellings (SPDX matching guidelines), as licensee lists them. */
const VARIETAL_WORDS: Readonly<Record<string, string>> = {
  acknowledgment: 'acknowledgement',
  analogue: 'analog',
  analyse: 'analyze',
  artefact: 'artifact',
  authorisation: 'authorization',
  authorised: 'authorized',
  calibre: 'caliber',
  cancelled: 'canceled',
  capitalisations: 'capitalizations',
  catalogue: 'catalog',
  categorise: 'categorize',
  centre: 'center',
  emphasised: 'emphasized',
  favour: 'favor',
  favourite: 'favorite',
  fulfil: 'fulfill',
  fulfilment: 'fulfillment',
  initialise: 'initialize',
  judgment: 'judgement',
  labelling: 'labeling',
  labour: 'labor',
  licence: 'license',
  maximise: 'maximize',
  modelled: 'modeled',
  modelling: 'modeling',
  offence: 'offense',
  optimise: 'optimize',
  organisation: 'organization',
  organise: 'organize',
  practise: 'practice',
  programme: 'program',
  realise: 'realize',
  recognise: 'recognize',
  signalling: 'signaling',
  'sub-license': 'sublicense',
  'sub license': 'sublicense',
  utilisation: 'utilization',
  whilst: 'while',
  wilful: 'wilfull',
  'non-commercial': 'noncommercial',
  cent: 'percent',
  owner: 'holder',
};

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

const SPELLING = new RegExp(`\\b(?:${Object.keys(VARIETAL_WORDS).map(escapeRegExp).join('|')})\\b`, 'g');

const RE = {
  bom: /^\s*\uFEFF/,
  hrs: /^\s*[=\-*]{3,}\s*$/gm,
  allRightsReserved: /^\s*all rights reserved\.?(?=\n|$)/i,
  whitespace: /\s+/g,
  markdownHeadings: /^\s*#+/gm,
  // licensee strips the whole line; a reflowed text may have joined it with the next sentence, so only a short
  // rest of line goes with it, else the version phrase alone.
  version: /^\s*version(?:[^\n]{0,60}(?=\n|$)|\s+[\d.]+[a-z]?,?(?:\s+[a-z]+\s+\d{4})?)/i,
  spanMarkup: /[_*~]+(.*?)[_*~]+/gm,
  linkMarkup: /\[(.+?)\]\(.+?\)/gm,
  blockMarkup: /^\s*>/gm,
  borderMarkup: /^[*-](.*?)[*-]$/gm,
  commentMarkup: /^\s*?[/*]{1,2}/gm,
  url: /^\s*https?:\/\/[^ ]+\n/,
  bullet: /\n\n\s*(?:[*-]|\(?[\da-z]{1,2}[).])\s+/gim,
  developedBy: /^\s*developed by:.*?\n\n/is,
  ccDedication: /The\s+text\s+of\s+the\s+Creative\s+Commons.*?Public\s+Domain\s+Dedication./gims,
  ccWiki: /wiki.creativecommons.org/gim,
  ccLegalCode: /^\s*Creative Commons Legal Code\s*$/gim,
  cc0Info: /For more information, please see\s*\S+zero\S+/gims,
  cc0Disclaimer: /CREATIVE COMMONS CORPORATION.*?\n\n/gims,
  unlicenseInfo: /For more information, please.*\S+unlicense\S+/gims,
  mitOptional: /\(including the next paragraph\)/gim,
  endOfTerms: /^[\s#*_]*end of (the )?terms and conditions[\s#*_]*$/im,
  lists: /^\s*(?:\d\.|\*)\s+([^\n])/gm,
  http: /http:/g,
  dashes: /(?<!^)([—–-]+)(?!$)/gm,
  quotes: /[`'"‘“’”]/g,
  parenSpace: /\)\s+\(/g,
  squeeze: / {2,}/g,
} as const;

/** licensee's copyright line (Matchers::Copyright::REGEX), anchored at the start of the text. */
export const COPYRIGHT_LINES = /^\s*(?:[_*\-\s]*(?:copyright|\(c\)|©)[^\n]{0,300}(?=\n|$))+/i;

/** Words as licensee counts them: letters, digits, `_`, `/`, `-`, with possessive `'s` / `s'` kept. */
const WORD = /(?:[\w/-](?:'s|(?<=s)')?)+/g;

/** A license title at the start of a text: built from every known license name (see titleRegexFor). */
export interface TitleSource {
  readonly id: string;
  readonly name: string;
}

/**
 * licensee's License#title_regex for one license, made from its name and id: "GNU General Public License
 * v3.0" also matches "General Public License, version 3.0", "GPL-3.0" matches "gpl 3.0 license", and so on.
 */
export function titlePatterns(source: TitleSource): string[] {
  let title = source.name.toLowerCase().replace('*', 'u');
  const simple = escapeRegExp(title);
  title = title.replace(/^the /i, '').replace(/,? version /, ' ').replace(/v(\d+\.\d+)/, '$1');
  let pattern = escapeRegExp(title);
  pattern = pattern.replace(/\\? licen[sc]e/i, '(?: licen[sc]e)?');
  pattern = pattern.replace(/ (\d+\\\.\d+)/, ',?\\s+(?:version |v(?:\\. )?)?$1');
  pattern = pattern.replace(/\bgnu /, '(?:GNU )?');
  const key = `${escapeRegExp(source.id.toLowerCase()).replace('\\-', '[- ]')}(?: licen[sc]e)?`;
  return [simple, pattern, key];
}

/** One anchored regex recognising any of the given titles at the start of a text (licensee's title_regex). */
export function buildTitleRegex(sources: readonly TitleSource[]): RegExp {
  const alternatives = new Set<string>();
  for (const source of sources) for (const pattern of titlePatterns(source)) alternatives.add(pattern);
  // Longest first: JavaScript takes the first alternative that matches, Ruby's union does the same, and a
  // longer title must win over its prefix (e.g. "MIT No Attribution" over "MIT").
  const sorted = [...alternatives].sort((a, b) => b.length - a.length);
  // The rest of the title's line goes too when it is short (a version, a date); a long rest is the license's
  // first sentence joined to the title by reflowed whitespace, and stays.
  return new RegExp(`^\\s*\\(?(?:the )?(?:${sorted.join('|')})(?:[^\\n]{0,60}(?=\\n|$))?`, 'i');
}

export interface NormalizeOptions {
  /** The title regex of the license corpus (buildTitleRegex); without it titles are not stripped. */
  readonly titleRegex?: RegExp;
}

function stripRe(content: string, regex: RegExp): string {
  return content.replace(regex, ' ').replace(RE.squeeze, ' ').trim();
}

/** Non-global twins of global regexes, compiled once: the title regex has thousands of alternatives. */
const testers = new WeakMap<RegExp, RegExp>();

function stripWhile(content: string, regex: RegExp): string {
  let test = testers.get(regex);
  if (!test) {
    test = new RegExp(regex.source, regex.flags.replace('g', ''));
    testers.set(regex, test);
  }
  const global = regex.global ? regex : test;
  let out = content;
  // Each pass removes at least one character, so this ends; the cap guards against pathological input.
  for (let i = 0; i < 1000 && test.test(out); i++) {
    const next = stripRe(out, global);
    if (next === out) break;
    out = next;
  }
  return out;
}

function stripComments(content: string): string {
  const lines = content.split('\n');
  if (lines.length === 1) return content;
  const marker = /^\s*?[/*]{1,2}/;
  if (!lines.every((line) => marker.test(line))) return content;
  return stripRe(content, RE.commentMarkup);
}

/**
 * The text with title, version and markup removed but case kept (licensee's content_without_title_and_version);
 * the copyright (attribution) line is still there.
 */
/**
 * `<year>`, `<copyright holders>` (template fields of the SPDX texts, also left unfilled in real files) and
 * `<https://...>`: the brackets go, the words stay, the same on both sides of a comparison.
 */
const ANGLE_FIELDS = /<([^<>\n]{1,80})>/g;

/** Lines that start a new line even inside a paragraph: list items, headings, rules, comment lines. */
const BREAK_BEFORE = /^[ \t]*(?:[-*•+#=_]|\(?[0-9a-z]{1,3}[.)][ \t]|\(?[ivx]{1,5}[.)][ \t]|\/\/|\/\*)/i;

/** A copyright statement stays on its own line, so that stripping it never takes license words along. */
const STATEMENT_LINE = /^[\s*#/-]*(?:copyright\s*(?:\(c\)|©)|copyright\s+(?:\d{4}|by\b)|\(c\)\s*\d{4}|©\s*\d{4})/i;

const STATEMENT_LINES = /^([ \t*#/-]*)(?:copyright\s*(?:\(c\)|©)|copyright\s+(?:\d{4}|by\b)|\(c\)\s*\d{4}|©\s*\d{4})[^\n]{0,300}$/gim;

/** Where a statement joined to the license's first sentence (by rewrapping) ends. */
const STATEMENT_END = /(?:\ball rights reserved\.?|\.)\s+(?=[A-Z])|\s(?=(?:Permission|Redistribution|THIS|This|THE SOFTWARE|Licensed|Everyone|Anyone|Use)\b)/;

/** A long line opening with a copyright statement, split after the statement. */
function splitStatement(line: string): string[] {
  if (line.length < 120 || !STATEMENT_LINE.test(line)) return [line];
  const end = STATEMENT_END.exec(line.slice(12));
  if (!end || end.index > 240) return [line];
  const at = 12 + end.index + end[0].length;
  return [line.slice(0, at).trimEnd(), line.slice(at)];
}

/**
 * Paragraphs unwrapped: line breaks inside a paragraph become spaces, so a text wrapped at another width
 * normalises exactly as the original (the line-based steps below then see the same lines).
 */
function unwrap(text: string): string {
  const out: string[] = [];
  for (const line of text.split('\n').flatMap(splitStatement)) {
    const previous = out[out.length - 1];
    const join =
      previous !== undefined &&
      previous.trim() !== '' &&
      line.trim() !== '' &&
      !BREAK_BEFORE.test(line) &&
      !STATEMENT_LINE.test(previous) &&
      !STATEMENT_LINE.test(line);
    if (join) out[out.length - 1] = `${previous.trimEnd()} ${line.trim()}`;
    else out.push(line);
  }
  return out.join('\n');
}

export function contentWithoutTitle(raw: string, options: NormalizeOptions = {}): string {
  let content = raw.replace(/\r\n?/g, '\n').replace(ANGLE_FIELDS, ' $1 ').trim();
  // licensee works on the wrapped lines; on unwrapped ones its steps keep their meaning and stop depending
  // on the width a text was wrapped at.
  content = unwrap(content);
  content = stripRe(content, RE.hrs);
  content = stripComments(content);
  content = stripRe(content, RE.markdownHeadings);
  content = stripRe(content, RE.linkMarkup);
  if (options.titleRegex) content = stripWhile(content, options.titleRegex);
  content = stripRe(content, RE.version);
  return content;
}

/** licensee's content_normalized: one line of lower-case words. */
export function normalizeLicenseText(raw: string, options: NormalizeOptions = {}): string {
  // Copyright statements anywhere (licensee strips them only at the start): a replaced statement below an
  // unrecognised title must not count against the text.
  let content = contentWithoutTitle(raw, options).replace(STATEMENT_LINES, '$1').toLowerCase();
  content = content.replace(RE.lists, '- $1');
  content = content.replace(RE.http, 'https:');
  content = content.replaceAll('&', 'and');
  content = content.replace(RE.dashes, '-');
  content = content.replace(RE.quotes, "'");
  content = content.replace(SPELLING, (word) => VARIETAL_WORDS[word] ?? word);
  content = content.replace(RE.spanMarkup, '$1');
  content = content.replace(RE.bullet, '\n\n- ').replace(RE.parenSpace, ')(');

  content = stripRe(content, RE.bom);
  if (content.includes('creative commons')) {
    content = stripRe(content, RE.ccDedication);
    content = stripRe(content, RE.ccWiki);
  }
  if (content.includes('associating cc0')) {
    content = stripRe(content, RE.ccLegalCode);
    content = stripRe(content, RE.cc0Info);
    content = stripRe(content, RE.cc0Disclaimer);
  }
  if (content.includes('unlicense')) content = stripRe(content, RE.unlicenseInfo);
  content = content.replace(RE.borderMarkup, '$1');
  if (options.titleRegex) content = stripWhile(content, options.titleRegex);
  content = stripRe(content, RE.version);
  content = stripRe(content, RE.url);
  content = stripWhile(content, COPYRIGHT_LINES);
  content = stripWhile(content, RE.allRightsReserved);
  if (options.titleRegex) content = stripWhile(content, options.titleRegex);
  content = stripRe(content, RE.blockMarkup);
  content = stripRe(content, RE.developedBy);
  const end = RE.endOfTerms.exec(content);
  if (end) content = content.slice(0, end.index);
  content = stripRe(content, RE.whitespace);
  content = stripRe(content, RE.mitOptional);
  return content;
}

/** The set of words of a normalised text. */
export function wordSet(normalized: string): Set<string> {
  return new Set(normalized.match(WORD) ?? []);
}
