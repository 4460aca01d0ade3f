/**
 * Word classes (ScanCode's "part-of-speech" tags for copyright statements), one per token. The grammar
 * (grammar.ts) is written over these classes, never over words, so what a statement may hold is decided
 * here once: a year or year range, a copyright sign, a proper noun, a company suffix, an e-mail, junk.
 *
 * Order matters: exact punctuation, then the copyright word and sign, years, e-mails and URLs, then the
 * dictionaries (connectors, company suffixes, legal and code words), then the shape of the word (capitalised:
 * a proper noun; lower case: a plain noun; code punctuation: junk).
 */

export type WordClass =
  /** `Copyright`, `(c)`, `Copr.`, `SPDX-FileCopyrightText`, `@copyright`. */
  | 'COPY'
  /** `Portions` in "Portions Copyright ...". */
  | 'PORTIONS'
  /** A year, a range or a list of years in one word: `2020`, `2009-2014,`, `1999,2000`, `2015-present`. */
  | 'YR'
  /** A two-digit year in a list: `1999, 2000, 01, 03`. */
  | 'BARE'
  /** `present`, `now`, `today` after a dash. */
  | 'PRESENT'
  | 'DASH'
  /** `and`, `&`, `,`, `and/or`. */
  | 'CC'
  | 'OR'
  /** `others`, `et al.`. */
  | 'OTH'
  /** `other`, `its`, `their`, `respective`, `original`: words before a group noun. */
  | 'OTHER'
  | 'BY'
  /** `of`, `for`: inside an organisation's name. */
  | 'OF'
  /** `van`, `von`, `de`, `da`: inside a person's name. */
  | 'VAN'
  | 'THE'
  /** Group nouns: `authors`, `contributors`, `developers`, `affiliates`. */
  | 'AUTHS'
  /** An author marker: `Author:`, `@author`, `Authors:`, `Contributors:`, `Maintainer:`. */
  | 'AUTH'
  /** Verbs of authorship before "by": `written`, `created`, `developed`, `maintained`. */
  | 'AUTH2'
  | 'EMAIL'
  | 'URL'
  /** `All`, `Some`, `No` of "All rights reserved". */
  | 'ALL'
  | 'RIGHTS'
  | 'ARE'
  | 'RESERVED'
  /** Company suffixes and organisation nouns: `Inc.`, `Ltd`, `GmbH`, `Foundation`, `University`. */
  | 'COMP'
  /** A proper noun: capitalised, all capitals, initials, `jQuery`. */
  | 'NNP'
  /** Any other word in lower case (a user name such as `odahcam` after a year). */
  | 'NN'
  /** What never belongs to a statement: legal prose, code, placeholders, punctuation. */
  | 'JUNK';

const YEAR = '(?:19[6-9]\\d|20[0-4]\\d)';
/** One word of years: a year, then dash/comma/slash-separated years, short years or "present"; `2004+`. */
const YEARS = new RegExp(
  `^\\(?${YEAR}(?:\\s*[-–—/,.~]\\s*(?:${YEAR}|\\d{1,2}|present|now|today|date))*\\+?(?:-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\\d|3[01]))?[.,;:)]*$`,
  'i',
);
const BARE_YEAR = /^(?:[6-9]\d|[0-3]\d)[.,]?$/;
const EMAIL = /^[<([]?(?:mailto:)?[\p{L}\d._%+-]+@[\p{L}\d-]+(?:\.[\p{L}\d-]+)+[>)\].,;]*$/iu;
const URL =
  /^[<([]?(?:(?:https?|ftp):\/\/\S+|www\.\S+|[\p{L}\d][\p{L}\d.-]*\.(?:com|org|net|io|dev|edu|gov|info|biz|me|co|uk|de|fr|jp|cn|ru|ca|au|nl|ch|se|eu|us|it|es|be|at|dk|no|fi|pl|cz|in|app|ai|sh|xyz|tech|site|page)(?:\/\S*)?)[>)\].,;]*$/iu;

/** Classes of words in any letter case. */
const WORDS = new Map<string, WordClass>();
function add(tag: WordClass, words: string): void {
  for (const word of words.trim().split(/\s+/)) WORDS.set(word, tag);
}
add('BY', 'by');
add('OF', 'of');
add('THE', 'the');
add('CC', 'and & and/or und et');
add('OR', 'or');
add('OTH', 'others et\u2060al. et\u2060al');
add('OTHER', 'other its their his her respective original various several many numerous');
add('AUTHS', 'authors contributors developers maintainers committers collaborators affiliates subsidiaries subsidiary subsidiary(-ies) affiliate(s) author(s) contributor(s) licensors(s)');
add('AUTH', 'author @author @authors moduleauthor');
add('AUTH2', 'written created developed maintained coded rewritten recoded modified authored contributed ported');
add('ALL', 'all some alle tous todos');
add('RIGHTS', 'rights right rechte droits derechos rechten');
add('ARE', 'are');
add('RESERVED', 'reserved reversed vorbehalten réservés reserves reservados voorbehouden');
add('PORTIONS', 'portions portion');
add('PRESENT', 'present now today');
add(
  'COMP',
  'inc incorporated corp corporation ltd limited llc l.l.c llp lp l.p gmbh ag sa s.a sas sarl bv b.v nv n.v ab oy oyj plc pty co kk k.k kg spa s.p.a srl s.r.l s.r.o e.v a/s aps asa ' +
    'foundation project projects team group labs lab laboratory laboratories consortium alliance association society organization organisation ' +
    'institute institut university universität université universidad college academy community technologies technology council committee forum',
);
// Legal prose, code and template words: never part of a name, so they end a statement where they appear.
add(
  'JUNK',
    'placeholder notice notices holder holders holder(s) owner owners ownership statement statements license licenses licence licences licensed licensing ' +
    'licensor licensors licensee licensees permission permissions permitted provided provides granted hereby herein thereof warranty warranties liability ' +
    'liable merchantability fitness infringement disclaimer disclaimed disclaims redistribution redistributions redistribute distribute modification ' +
    'modifications conditions terms subject pursuant accordance applicable agreement assignment assignments interest protection protected claim claims ' +
    'convention policy information info header headers year years yyyy string number boolean null undefined true false void int char float double const ' +
    'let var function return returns class interface enum struct public private static final import export require module exports package include define ' +
    'ifdef ifndef endif else elif def self this that these those you your yours we our they them it if when where which who whom whose what how why see ' +
    'use used uses using under unless except including without limitation shall must could should would not nor neither any each every such also only ' +
    'above below following same retain reproduce included file files documentation revision is was were be been being has have had do does did please ' +
    'email e-mail website homepage url changed changes added fixed removed generated automatically based derived originally to in on at as with from into ' +
    'onto via per than then so but yet about after before over between through during within implied express damages event purpose incidental ' +
    'consequential arising negligence otherwise tort contract trademark trademarks registered patent patents mit bsd gpl lgpl agpl mpl isc cc0 wtfpl gplv2 ' +
    'gplv3 copyleft spdx-license-identifier param params option options copying copyable copies copy everyone anyone nothing definitions exhibit appendix ' +
    'section clause article covered executable larger governed released available contains',
);

/**
 * Words that are junk in lower case only: capitalised, they may be names ("Will", "Grant", "May", "Law").
 */
const LOWER_JUNK = new Set('may will can key grant law laws mark page read note notes act sign symbol date name names set get new type types value values check status text line lines work works program programs version versions display report visit contact update updated thanks thank material materials a an'.split(' '));

/** Words that are prose when capitalised at a sentence start, though their lower-case form is a plain noun. */
const CAPITALISED_JUNK = new Set(
  ('since last description summary usage output input source binary contributor part chapter original modified ' +
    'version versions report visit contact update updated thanks thank note notes date name names status type value check set get new text line lines ' +
    'work works program programs display act material materials').split(' '),
);

/** Company suffixes that are suffixes in lower case too ("inc."); the others only when capitalised. */
const LOWER_COMP = new Set('inc incorporated corp corporation ltd llc gmbh co'.split(' '));

const COPY_WORD = /^[@(.]*(?:copyrights?|copyrighted|copr|spdx-(?:file|snippet)copyrighttext|assemblycopyright|bundle-copyright)[.,]?$/i;
const PROPER = /^[\p{Lu}][\p{L}\p{M}\d'’&.-]*$/u;
const LOWER_CAMEL = /^[\p{Ll}]{1,4}[\p{Lu}][\p{L}\d]*$/u;
const PLAIN = /^[\p{Ll}][\p{L}\p{M}\d'’.-]*$/u;
/** Characters of code: calls, indexing, assignments, template syntax. */
const CODE = /[(){}[\]=;$\\<>|^~`#]|^@|_|^\W+$/;
/** Three or more humps (`GetQueueReference`): an identifier, not a name. */
const IDENTIFIER = /^(?:[A-Z][a-z]+){3,}\d*$/;
const DOTTED_CODE = /^[a-z_$][\w$]*\.[a-z_$][\w$]*(?:\.[\w$]+)*$/;

const LETTERS = /^[A-Za-z]+$/;

/** The class of a word of ASCII letters only (the common case). */
function classifyLetters(word: string, colon: boolean): WordClass {
  const lower = word.toLowerCase();
  if (lower === 'to') return 'DASH';
  if (lower === 'copyright' || lower === 'copyrights' || lower === 'copyrighted' || lower === 'copr') return 'COPY';
  if (colon && (lower === 'author' || lower === 'authors' || lower === 'contributor' || lower === 'contributors' || lower === 'maintainer' || lower === 'maintainers' || lower === 'credits' || lower === 'credit')) {
    return 'AUTH';
  }
  const known = WORDS.get(lower);
  if (known !== undefined) {
    if (known === 'COMP' && word === lower && !LOWER_COMP.has(lower)) return 'NN';
    if (known === 'ALL' && lower === 'some' && word === lower) return 'JUNK';
    return known;
  }
  if (word === lower) return LOWER_JUNK.has(lower) ? 'JUNK' : 'NN';
  if (word.length === 1) return 'JUNK';
  const capitalised = word.charCodeAt(0) <= 90 && word.charCodeAt(1) >= 97;
  if (capitalised) {
    if (CAPITALISED_JUNK.has(lower)) return 'JUNK';
    if (IDENTIFIER.test(word)) return 'JUNK';
    return 'NNP';
  }
  if (word.charCodeAt(0) <= 90 || LOWER_CAMEL.test(word)) return 'NNP';
  return 'NN';
}

/** The word stripped of the punctuation around it, for dictionary look-ups. */
function core(word: string): string {
  return word.replace(/^[([<'"]+/, '').replace(/[)\]>'",.;:!?]+$/, '');
}

/** The class of one word. `colon` says the word was followed by a colon ("Author:"). */
export function classify(word: string, colon: boolean): WordClass {
  // Most words are plain letters: a dictionary look-up, or their shape, without the regular expressions below.
  if (LETTERS.test(word)) return classifyLetters(word, colon);
  if (word === ',') return 'CC';
  if (word === '-' || word === '--' || word === '–' || word === '—' || word === 'to') return 'DASH';
  if (word === '(c)' || word === '(c),') return 'COPY';
  if (COPY_WORD.test(word)) {
    // "copyright." ends a sentence of prose ("... under copyright."); "Copyright:" introduces a statement.
    if (/^[a-z].*\.$/.test(word)) return 'JUNK';
    return 'COPY';
  }
  if (YEARS.test(word)) return 'YR';
  if (BARE_YEAR.test(word)) return 'BARE';
  if (word.includes('@') && EMAIL.test(word)) return 'EMAIL';
  if (word.includes('.') && URL.test(word)) return 'URL';
  const bare = core(word);
  const lower = bare.toLowerCase();
  if (colon && /^(?:authors?|contributors?|maintainers?|author\(s\)|contributor\(s\)|written by|credits?)$/.test(lower)) return 'AUTH';
  const known = WORDS.get(lower);
  if (known !== undefined) {
    if (known === 'COMP' && bare === lower && !LOWER_COMP.has(lower)) return 'NN';
    if (known === 'ALL' && lower === 'some' && bare === lower) return 'JUNK';
    return known;
  }
  if (bare === '') return 'JUNK';
  if (bare === lower && LOWER_JUNK.has(lower)) return 'JUNK';
  if (CODE.test(bare) || DOTTED_CODE.test(bare)) return 'JUNK';
  if (/^\d/.test(bare)) return /[\p{L}]/u.test(bare) ? 'NN' : 'JUNK';
  // A capital letter alone is the article "A" (initials carry a period: "J.").
  if (/^[\p{Lu}]$/u.test(word)) return 'JUNK';
  if (PROPER.test(bare)) {
    if (IDENTIFIER.test(bare)) return 'JUNK';
    if (CAPITALISED_JUNK.has(lower) && bare[1] !== undefined && bare[1] === bare[1].toLowerCase()) return 'JUNK';
    return 'NNP';
  }
  if (LOWER_CAMEL.test(bare)) return 'NNP';
  if (PLAIN.test(bare)) return 'NN';
  return /[\p{L}]/u.test(bare) ? 'NN' : 'JUNK';
}
