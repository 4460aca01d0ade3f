/**
 * License text normalisation in the spirit of licensee (lib/licensee/content_helper.rb): titles, version
 * lines, copyright statements, "All rights reserved", markup (markdown, comments, borders, bullets, list
 * numbers, links), quotes, dashes, `&`, http/https and British/American spellings are made uniform, and the
 * text becomes one line of lower-case words separated by single spaces.
 *
 * Unlike licensee, every step works on the text with its whitespace collapsed: the result depends only on the
 * sequence of words, never on where the lines break. A text rewrapped at another width, or a title or
 * copyright line that an editor joined with the first sentence, normalises exactly as the original. The steps
 * that licensee anchors to line starts (headings, bullets, list numbers, comment markers, copyright lines)
 * therefore act on tokens and on spans: markup tokens go wherever they are, and a copyright statement ends
 * where its sentence does (see statementEnd), not at the end of its line.
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

/** A license title at the start of a text: built from every known license name (see titlePatterns). */
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

/** The first word of a title or text, for the title buckets: `the` and `gnu` are looked past as well. */
const FIRST_WORDS = /^["'“‘(]*([a-z0-9]+)(?:[^a-z0-9]+([a-z0-9]+))?/i;

function firstWordOf(source: string): string {
  return /[a-z0-9]+/i.exec(source)?.[0]?.toLowerCase() ?? '';
}

/**
 * licensee's title_regex over every license name, as buckets of alternatives keyed by their first word: a
 * text is only tried against the titles that begin with its first word (or its second, after "the"/"gnu").
 * One regex of all ~2,000 alternatives takes V8 a sixth of a second to compile on first use, in every
 * process; a bucket compiles in well under a millisecond, and only the buckets a text needs are compiled.
 */
export class TitleMatcher {
  private readonly compiled = new Map<string, RegExp>();

  /** `buckets`: first word → alternatives (regex sources), longest first (see buildTitleBuckets). */
  constructor(readonly buckets: Readonly<Record<string, readonly string[]>>) {}

  /** The title at the start of a whitespace-collapsed text, as a regex match, or null. */
  exec(text: string): RegExpExecArray | null {
    const words = FIRST_WORDS.exec(text);
    if (!words) return null;
    const first = (words[1] as string).toLowerCase();
    const keys = first === 'the' || first === 'gnu' ? [first, (words[2] ?? '').toLowerCase()] : [first];
    let best: RegExpExecArray | null = null;
    for (const key of keys) {
      const match = this.bucket(key)?.exec(text) ?? null;
      if (match && (!best || match[0].length > best[0].length)) best = match;
    }
    return best;
  }

  test(text: string): boolean {
    return this.exec(text) !== null;
  }

  private bucket(key: string): RegExp | null {
    let regex = this.compiled.get(key);
    if (!regex) {
      const alternatives = Object.hasOwn(this.buckets, key) ? this.buckets[key] : undefined;
      if (!alternatives) return null;
      // A title is a run of words, so it must end at a word boundary: "MIT" is no title of "MITRE".
      regex = new RegExp(`^["'“‘(]*(?:the )?(?:${alternatives.join('|')})(?![\\w-])["'”’)]*[.:]?`, 'i');
      this.compiled.set(key, regex);
    }
    return regex;
  }
}

/** About the longest text a title pattern of titlePatterns matches: its source without the regex syntax. */
function longestText(pattern: string): number {
  return pattern
    .replace(/licen\[sc\]e/g, 'license')
    .replace(/\[- \]/g, '-')
    .replace(/,\?\\s\+\(\?:version \|v\(\?:\\\. \)\?\)\?/g, ', version ')
    .replace(/\(\?:|\)\?|\\/g, '').length;
}

/** The title alternatives of every license, bucketed by first word, longest first within a bucket. */
export function buildTitleBuckets(sources: readonly TitleSource[]): Record<string, string[]> {
  const buckets = new Map<string, Set<string>>();
  const add = (key: string, pattern: string): void => {
    if (!key) return;
    let bucket = buckets.get(key);
    if (!bucket) buckets.set(key, (bucket = new Set()));
    bucket.add(pattern);
  };
  for (const source of sources) {
    const [simple, pattern, key] = titlePatterns(source) as [string, string, string];
    const name = source.name.toLowerCase();
    const bare = name.replace(/^the /, '');
    add(firstWordOf(name), simple);
    add(firstWordOf(bare), pattern);
    // "(?:GNU )?General Public License": the title may start at its second word.
    if (/^gnu /.test(bare)) add(firstWordOf(bare.slice(4)), pattern);
    add(firstWordOf(source.id), key);
  }
  // Longest title first: JavaScript takes the first alternative that matches and a longer title must win over
  // its prefix ("MIT No Attribution" over "MIT( License)?"), so alternatives sort by the longest text they
  // match, not by the length of their source.
  const out: Record<string, string[]> = {};
  for (const [key, patterns] of [...buckets].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    out[key] = [...patterns].sort((a, b) => longestText(b) - longestText(a) || (a < b ? -1 : a > b ? 1 : 0));
  }
  return out;
}

export interface NormalizeOptions {
  /** The titles of the license corpus; without them titles are not stripped. */
  readonly titles?: TitleMatcher;
}

// ------------------------------------------------------------------ markup and tokens

/** `<year>`, `<copyright holders>` (SPDX template fields, often left unfilled) and `<https://...>`: the words stay. */
const ANGLE_FIELDS = /<([^<>]{1,80})>/g;
const LINKS = /\[([^\]]{1,200}?)\]\([^)\s]{1,300}\)/g;
/**
 * Tokens that are markup and nothing else: comment markers, bullets, heading and quote marks, rules and
 * underlines, lone dashes. licensee strips them at line starts; they go wherever they are, as a rewrap may
 * have moved them into a line.
 */
const MARKUP_TOKENS = /(?<= |^)[-–—*#>=_~+|•·/\\]+(?= |$)/g;
const BREAK = '\uE000';
/** "1996 - 2015": one range, not a dash token. */
const YEAR_RANGE = /\b(\d{4}) ?[-–—] ?(\d{2,4}|present)\b/gi;
const LEADING_BREAKS = /^(?:\uE000 ?)+/;

/** Emphasis around words: `**bold**`, `_em_`, `~~struck~~`. */
const EMPHASIS = /(?<= |^)[_*~]+|[_*~]+(?= |$)/g;
/** List numbers and letters: `1.`, `(a)`, `ii)`. Dropped on both sides of a comparison, wherever they are. */
const LIST_MARKERS = /(?<= |^)\(?(?:\d{1,3}|[a-z]|[ivxl]{2,5})[.)](?= |$)/g;

// ------------------------------------------------------------------ the header: title, version, statements

const VERSION = /^version:?\s+v?\d[\w.]*(?:,?\s+\(?(?:[a-z]+\.?\s+)?(?:\d{1,2},?\s+)?\d{4}\)?)?[.,]?(?= |$)/i;
const URL_AT_START = /^(?:https?:\/\/|www\.)\S+/i;
const RIGHTS_RESERVED = /\ball rights reserved\b\.?/gi;
const RIGHTS_AT_START = /^all rights reserved\b\.?/i;

/**
 * Where a copyright statement starts: "Copyright (c)", "Copyright ©", "Copyright 2024", "Copyright by",
 * "(c) 2024", "©". "Copyright" alone (license prose says "the above copyright notice") starts one only at the
 * start of a text (STATEMENT_AT_START) and, capitalised, before a capitalised name.
 */
const STATEMENT_START = /\bCopyright\s+(?=[A-Z])(?!(?:Notices?|Law|Laws|And|Or|Holders?|Owners?|Information|Statement|Protection|The|Of|To|In|On|For|Is|This|License|Licence|Disclaimer|Policy|Act|Office)\b)|\bcopyright\s*(?:\(c\)|©|&copy;)|\bcopyright\s+(?=(?:\d{4}|by\b|yyyy\b|\[yyyy\]|\{yyyy\}|year\b))|©|\(c\)\s*(?=\d{4})|\bcopr\.\s*(?=\d{4})/gi;
const STATEMENT_AT_START = /^(?:portions\s+|parts\s+)?(?:copyright\b(?!\s+(?:notice|holders?|owners?|law|laws|and|or|the|is|of|to|in|on|for|protection|information|statement|license|licen[cs]e|disclaimer|policy)\b)|©|\(c\)|copr\.)/i;

/**
 * Capitalised words that begin license text (or one of its sentences) and no holder's name: a statement ends
 * before them. "Free" and "Software" are not here: "Free Software Foundation", "Software in the Public Interest".
 */
const OPENERS = new Set([
  'permission', 'permissions', 'redistribution', 'redistributions', 'redistribute', 'this', 'these', 'licensed',
  'you', 'everyone', 'anyone', 'use', 'usage', 'used', 'under', 'subject', 'provided', 'released', 'distributed',
  'neither', 'unless', 'except', 'if', 'in', 'any', 'all', 'license', 'licence', 'licensing', 'terms',
  'disclaimer', 'warranty', 'notice', 'preamble', 'including', 'to', 'no', 'it', 'copying', 'modified', 'derived',
  'based', 'portions', 'parts', 'version', 'permitted', 'redistributable', 'please', 'whereas', 'definitions',
  'grant', 'granted', 'written', 'developed', 'originally', 'for', 'when',
  'we', 'i', 'my', 'our', 'as', 'is', 'there', 'each', 'licensor', 'licensee', 'overview', 'introduction',
]);
/** After "The": the statement ends when the words are the license's ("The above", "THE SOFTWARE"), not a holder's. */
const THE_OPENERS = new Set([
  'software', 'above', 'copyright', 'name', 'names', 'contents', 'origin', 'user', 'users',
  'licensor', 'licensee', 'following', 'program', 'library', 'material', 'work', 'works', 'font', 'fonts', 'files',
  'information', 'documentation', 'package', 'code', 'source', 'purpose', 'intent', 'use', 'license', 'licence',
]);
/** Abbreviations a holder's name may carry: a period after them ends no sentence. */
const ABBREVIATIONS = /^(?:inc|ltd|co|corp|llc|gmbh|ag|bv|b\.v|s\.a|e\.v|jr|sr|st|dr|mr|mrs|ms|prof|dept|univ|assn|assoc|bros|intl|u\.s|n\.v|plc|pty|oy|ab|as|kk|srl|sas|sarl|spa|al|etc|no|vol|ver|v)\.$/i;
/** Tokens of the statement's head: the marks and the years. */
const MARKS = /^(?:\(?(?:19|20)\d{2}\)?[-–,.]?|(?:19|20)\d{2}[-–](?:19|20)?\d{2}[,.]?|present[,.]?|[-–,]|yyyy[,.]?|\[yyyy\][,.]?|year[,.]?|\d{1,2}\/\d{1,2}\/\d{2,4}[,.]?|\(c\)|©|&copy;|copyright|copr\.|portions|parts|by)$/i;
/** An e-mail address, a URL, or a bare domain in brackets: "(sindresorhus.com)". */
const EMAIL_OR_URL = /@[\w-]+\.|^[(<[]?(?:https?:\/\/?|www\.)|^[(<[][a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:\/\S*)?[)>\]][.,;]?$/i;
/** How far a holder's name may run before the end signals stop counting (except "All rights reserved"). */
const MAX_HOLDER_TOKENS = 16;
const MAX_RESERVED_TOKENS = 30;

/**
 * The offset where a copyright statement beginning at `from` ends, in a whitespace-collapsed, case-preserved
 * text. After its marks and years comes the holder, which ends at the earliest of: "All rights reserved.";
 * a markup break (a bullet or comment marker: the next line); the next statement; a sentence end (a period
 * that closes neither an abbreviation nor an initial, before a capital); a capitalised word that opens license
 * text ("Permission", "The above", "THE SOFTWARE"); a license title; an e-mail address or URL before a
 * capitalised word (else, when nothing later ends it, right after the address). Without any of those within
 * 16 words only the marks and years go: license words are never taken on a guess.
 */
function statementEnd(text: string, from: number, titles: TitleMatcher | undefined): number {
  // A statement is at most MAX_RESERVED_TOKENS words after its marks: its stretch of the text is enough.
  const rest = text.slice(from, from + 3000);
  const tokens = rest.split(' ');
  let offset = 0;
  let holder = -1;
  let weak = -1;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const start = offset;
    offset += token.length + 1;
    if (holder === -1) {
      if (i === 0 || MARKS.test(token)) continue;
      holder = i;
    }
    const k = i - holder;
    if (token === BREAK) return from + start;
    if (k > MAX_RESERVED_TOKENS) break;
    if ((token === 'All' || token === 'all' || token === 'ALL') && /^all rights reserved\b\.?/i.test(rest.slice(start))) {
      return from + start + (/^all rights reserved\b\.?/i.exec(rest.slice(start)) as RegExpExecArray)[0].length;
    }
    if (k > MAX_HOLDER_TOKENS) continue;
    const previous = tokens[i - 1] as string;
    if (k > 0 && /^(?:copyright\s*(?:\(c\)|©)|copyright\s+\d{4}|©|\(c\)\s*\d{4})/i.test(rest.slice(start))) return from + start;
    if (/^[A-Z"'“‘(]/.test(token)) {
      const word = token.toLowerCase().replace(/^["'“‘(]+|[^a-z]+$/g, '');
      const next = (tokens[i + 1] ?? '').toLowerCase().replace(/[^a-z]+$/, '');
      if (OPENERS.has(word) || (word === 'the' && THE_OPENERS.has(next))) return from + start;
      // "The authors intend ...", not "The Go Authors": a lower-case word after "the authors".
      if (word === 'the' && /^authors?$/.test(next) && /^[a-z]/.test(tokens[i + 2] ?? '')) return from + start;
      if (k > 0 && /[.;:]$/.test(previous) && !ABBREVIATIONS.test(previous) && !/^(?:[A-Z]\.)+$/.test(previous)) return from + start;
    }
    if (k > 0 && titles?.test(rest.slice(start))) return from + start;
    // An address ends a holder's name before a capitalised word; before anything else (another address, a
    // postal address, more years, ", contributors", "and other contributors") the statement may go on.
    if (k > 0 && EMAIL_OR_URL.test(previous) && !EMAIL_OR_URL.test(token)) {
      if (/^[A-Z]/.test(token)) return from + start;
      if (weak === -1) weak = start;
    }
  }
  if (weak !== -1) return from + weak;
  // No end in sight: only the marks and years go.
  let head = 0;
  for (let i = 0; i < (holder === -1 ? tokens.length : holder); i++) head += (tokens[i] as string).length + 1;
  return from + Math.min(rest.length, head);
}

/** Every copyright statement removed (case-preserved, collapsed text). */
function stripStatements(text: string, titles: TitleMatcher | undefined): string {
  if (!/copyright|©|\(c\)|copr\./i.test(text)) return text;
  let out = '';
  let at = 0;
  STATEMENT_START.lastIndex = 0;
  for (let match = STATEMENT_START.exec(text); match; match = STATEMENT_START.exec(text)) {
    if (match.index < at) continue;
    // "Copyright Joyent, Inc.": only capitalised, before a capitalised name (the regex is case-insensitive).
    if (/^copyright\s+$/i.test(match[0]) && /^copyright [a-z]/i.test(text.slice(match.index, match.index + 11)) && !/^Copyright [A-Z]/.test(text.slice(match.index, match.index + 11))) continue;
    const end = statementEnd(text, match.index, titles);
    out += text.slice(at, match.index);
    at = Math.max(end, match.index + match[0].length);
    STATEMENT_START.lastIndex = at;
  }
  return out + text.slice(at);
}

/**
 * licensee strips, at the start of a text and in any order: titles, version lines, a URL, copyright lines,
 * "All rights reserved". Repeated until none is left (a title may follow a copyright line and vice versa).
 */
function stripHeader(text: string, titles: TitleMatcher | undefined): string {
  let out = text;
  for (let i = 0; i < 50; i++) {
    const before = out;
    out = out.replace(LEADING_BREAKS, '');
    const title = titles?.exec(out);
    if (title) out = out.slice(title[0].length).trimStart();
    out = out.replace(VERSION, '').trimStart();
    out = out.replace(URL_AT_START, '').trimStart();
    out = out.replace(RIGHTS_AT_START, '').trimStart();
    const statement = STATEMENT_AT_START.exec(out);
    if (statement) out = out.slice(Math.max(statement[0].length, statementEnd(out, 0, titles))).trimStart();
    if (out === before) break;
  }
  return out;
}

// ------------------------------------------------------------------ licensee's special cases

const RE = {
  ccDedication: /the text of the creative commons.*?public domain dedication\./g,
  ccWiki: /wiki\.creativecommons\.org/g,
  ccLegalCode: /^creative commons legal code /,
  cc0Info: /for more information, please see \S+zero\S+/g,
  cc0Disclaimer: /creative commons corporation is not a law firm.*?(?=statement of purpose)/g,
  unlicenseInfo: /for more information, please refer to \S+unlicense\S+/g,
  mitOptional: /\(including the next paragraph\)/g,
  developedBy: /^developed by: .{0,300}?(?= permission)/,
  endOfTerms: /\bend of (?:the )?terms and conditions\b/,
  dashes: /[—–-]+/g,
  quotes: /[`'"‘“’”«»]/g,
  parenSpace: /\) \(/g,
} as const;

/** The normalised text of a license or of a file: one line of lower-case words. */
export function normalizeLicenseText(raw: string, options: NormalizeOptions = {}): string {
  let content = raw.replace(/^\uFEFF/, '').replace(ANGLE_FIELDS, ' $1 ').replace(LINKS, '$1');
  content = content.replace(/\s+/g, ' ').trim();
  // Markup tokens become a mark (BREAK) that ends a copyright statement, as the bullet or comment line it
  // was ends one, and goes with the statements.
  content = content.replace(YEAR_RANGE, '$1-$2').replace(MARKUP_TOKENS, BREAK).replace(EMPHASIS, '').replace(/ {2,}/g, ' ').trim();
  content = stripHeader(content, options.titles);
  content = stripStatements(content, options.titles).replace(RIGHTS_RESERVED, ' ');
  content = content.replaceAll(BREAK, ' ').toLowerCase();
  content = content.replace(LIST_MARKERS, '');
  content = content.replaceAll('http:', 'https:').replaceAll('&', 'and');
  content = content.replace(RE.dashes, '-').replace(RE.quotes, "'");
  content = content.replace(SPELLING, (word) => VARIETAL_WORDS[word] ?? word);
  content = content.replace(RE.parenSpace, ')(');
  if (content.includes('creative commons')) {
    content = content.replace(RE.ccDedication, ' ').replace(RE.ccWiki, ' ');
    if (content.includes('associating cc0')) {
      content = content.replace(RE.ccLegalCode, '').replace(RE.cc0Info, ' ').replace(RE.cc0Disclaimer, ' ');
    }
  }
  if (content.includes('unlicense')) content = content.replace(RE.unlicenseInfo, ' ');
  content = content.replace(RE.developedBy, '');
  const end = RE.endOfTerms.exec(content);
  if (end) content = content.slice(0, end.index);
  content = content.replace(RE.mitOptional, ' ');
  return content.replace(/ {2,}/g, ' ').trim();
}

// ------------------------------------------------------------------ attribution (licensee's Copyright matcher)

/** licensee's copyright line (Matchers::Copyright::REGEX), anchored at the start of the text. */
export const COPYRIGHT_LINES = /^\s*(?:[_*\-\s]*(?:copyright|\(c\)|©)[^\n]{0,300}(?=\n|$))+/i;

/**
 * The text with leading title, version, heading and rule lines removed, case and lines kept: where licensee
 * looks for the attribution (the copyright lines at the top).
 */
export function contentWithoutTitle(raw: string, options: NormalizeOptions = {}): string {
  const lines = raw.replace(/\r\n?/g, '\n').replace(/^\uFEFF/, '').split('\n');
  let first = 0;
  for (; first < lines.length; first++) {
    const line = (lines[first] as string).trim().replace(/^#+\s*/, '').replace(/^[*_]+|[*_]+$/g, '');
    if (line === '' || /^[=\-*_]{3,}$/.test(line) || VERSION.test(line)) continue;
    if (options.titles) {
      const title = options.titles.exec(line);
      // The title's line, when the rest of it is short (a version, a date); else the title starts a sentence.
      if (title && line.length - title[0].length <= 60) continue;
    }
    break;
  }
  return lines.slice(first).join('\n');
}

/** Words as licensee counts them: letters, digits, `_`, `/`, `-`, with possessive `'s` / `s'` kept. */
const WORD = /(?:[\w/-](?:'s|(?<=s)')?)+/g;

/** The set of words of a normalised text. */
export function wordSet(normalized: string): Set<string> {
  return new Set(normalized.match(WORD) ?? []);
}
