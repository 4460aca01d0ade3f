/**
 * The license corpus: every current SPDX license text (spdx-license-list ships them), normalised, for the exact
 * and Sørensen–Dice matchers. Deprecated SPDX ids are left out (their texts are those of the current ids), and
 * licenses whose normalised texts are identical (GPL-2.0-only and GPL-2.0-or-later share one text) are grouped
 * under the first id; the text alone cannot tell them apart.
 *
 * Normalising ~700 texts takes about a second of CPU, and reading spdx-license-list's 5 MB of texts another
 * 0.2 s: too much for a process that answers one question. `npm run build` therefore writes the normalised
 * corpus next to the compiled module (scripts/build-license-corpus.mjs → dist/src/analysis/licenses/license-corpus.*):
 * a small index (ids, word counts, byte ranges, the title buckets) and the texts, keyed by the
 * spdx-license-list version and a hash of the compiled normaliser and of this module. A process reads both
 * files and decodes a text, and makes its word set, only when a text of its length comes to be compared.
 * When the files are missing or stale (running from sources, or after an edit) the corpus is built here.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import spdxIndex from 'spdx-license-list';
import { buildTitleBuckets, normalizeLicenseText, TitleMatcher, wordSet } from './normalize.js';

const require = createRequire(import.meta.url);
const DEPRECATED = new Set(require('spdx-license-ids/deprecated.json') as string[]);

export interface CorpusLicense {
  /** The SPDX id. */
  readonly id: string;
  readonly name: string;
  readonly osiApproved: boolean;
  readonly url: string;
  /** Normalised text (normalize.ts). */
  readonly normalized: string;
  /** The words of the normalised text (made on first use). */
  readonly words: ReadonlySet<string>;
  /** Number of distinct words, known without making the set. */
  readonly wordCount: number;
  /** Number of `<placeholder>` fields in the template (licensee lets the length differ by 4 chars per field). */
  readonly fields: number;
  /** Other SPDX ids with the same text (e.g. GPL-2.0-or-later for GPL-2.0-only). */
  readonly sameText: readonly string[];
  /** The text starts with a non-free Creative Commons variant title (licensee keeps these apart). */
  readonly creativeCommons: boolean;
}

export interface Corpus {
  readonly licenses: readonly CorpusLicense[];
  /** Licenses sorted by word count, for the length prefilter. */
  readonly byWordCount: readonly CorpusLicense[];
  readonly titles: TitleMatcher;
  /** Current and deprecated SPDX ids by lower-cased id. */
  readonly idsByLower: ReadonlyMap<string, string>;
  readonly names: ReadonlyMap<string, string>;
}

/** What the build step stores per license text. */
interface CorpusEntry {
  readonly id: string;
  readonly normalized: string;
  readonly wordCount: number;
  readonly fields: number;
  readonly sameText: readonly string[];
}

interface BuiltCorpus {
  readonly entries: readonly CorpusEntry[];
  readonly titles: Record<string, string[]>;
}

/** The stored index: an entry's text is bytes [start, end) of the text file. */
interface CorpusIndex {
  readonly key: string;
  readonly titles: Record<string, string[]>;
  readonly entries: readonly (Omit<CorpusEntry, 'normalized'> & { readonly start: number; readonly end: number })[];
}

/** Ids whose text is shared: the `-only` id names the group, as ScanCode's plain `gpl-2.0` key does. */
function preferredOf(ids: string[]): string {
  return [...ids].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))[0] as string;
}

function rank(id: string): number {
  if (id.endsWith('-only')) return 0;
  if (id.endsWith('-or-later')) return 2;
  return 1;
}

// `<year>`, `<copyright holders>`, `<owner>`: template fields of the SPDX plain texts.
const PLACEHOLDER = /<[^<>\n]{1,60}>/g;

/**
 * The SPDX plain texts fill template variables with their "original" values: ISC says "ISC disclaims all
 * warranties" where real files say "the author disclaims". For popular licenses whose variable spots carry
 * enough weight to move a short text below 98%, the usual wording is added as a variant of the same id
 * (ScanCode keeps such variants as separate rules of one license).
 */
const VARIANTS: Readonly<Record<string, readonly (readonly [RegExp, string])[]>> = {
  ISC: [[/\bisc\b/g, 'the author']],
};

/** Current SPDX ids: `GPL-2.0+` and friends are deprecated spellings too, though the deprecated list omits them. */
function currentIds(): string[] {
  return Object.keys(spdxIndex).filter((id) => !DEPRECATED.has(id) && !id.endsWith('+'));
}

function titleBuckets(ids: readonly string[]): Record<string, string[]> {
  return buildTitleBuckets(ids.map((id) => ({ id, name: spdxIndex[id]?.name ?? id })));
}

/** Normalises every SPDX text (the expensive part, done by the build step or on a cache miss). */
export function buildCorpus(): BuiltCorpus {
  const full = require('spdx-license-list/full.js') as Record<string, { licenseText: string }>;
  const ids = currentIds();
  const titles = titleBuckets(ids);
  const matcher = new TitleMatcher(titles);
  const byText = new Map<string, { ids: string[]; fields: number }>();
  for (const id of ids) {
    const text = full[id]?.licenseText;
    if (!text) continue;
    const fields = (text.match(PLACEHOLDER) ?? []).length;
    const normalized = normalizeLicenseText(text, { titles: matcher });
    if (normalized.length < 20) continue;
    const group = byText.get(normalized);
    if (group) group.ids.push(id);
    else byText.set(normalized, { ids: [id], fields });
  }
  const entries: CorpusEntry[] = [];
  for (const [normalized, group] of byText) {
    const id = preferredOf(group.ids);
    const texts = [normalized];
    const variant = VARIANTS[id]?.reduce((text, [from, to]) => text.replace(from, to), normalized);
    if (variant) texts.push(variant);
    const sameText = group.ids.filter((other) => other !== id);
    for (const text of texts) entries.push({ id, normalized: text, wordCount: wordSet(text).size, fields: group.fields, sameText });
  }
  return { entries, titles };
}

/** Where the build step puts the corpus: beside the compiled module (dist/src/analysis/licenses/). */
export function precomputedCorpusPaths(): { index: string; texts: string } {
  return {
    index: fileURLToPath(new URL('./license-corpus.json', import.meta.url)),
    texts: fileURLToPath(new URL('./license-corpus.txt', import.meta.url)),
  };
}

/**
 * What the stored corpus depends on: the texts (spdx-license-list's version) and the code that normalised
 * them (this module and the normaliser, as compiled). From sources (tsx) the compiled files are not there and
 * the key is null: the corpus is built in the process.
 */
export function corpusKey(): string | null {
  try {
    const hash = createHash('sha256');
    hash.update((require('spdx-license-list/package.json') as { version: string }).version);
    for (const file of ['./corpus.js', './normalize.js']) hash.update(readFileSync(new URL(file, import.meta.url)));
    return hash.digest('hex');
  } catch {
    return null;
  }
}

/** Writes the corpus for later processes (the build step). */
export function writePrecomputedCorpus(): { path: string; entries: number } {
  const key = corpusKey();
  if (!key) throw new Error('the compiled license modules are not beside corpus.js: run tsc first');
  const { entries, titles } = buildCorpus();
  const chunks: Buffer[] = [];
  let offset = 0;
  const index: CorpusIndex = {
    key,
    titles,
    entries: entries.map(({ normalized, ...entry }) => {
      const bytes = Buffer.from(normalized, 'utf8');
      chunks.push(bytes);
      offset += bytes.length;
      return { ...entry, start: offset - bytes.length, end: offset };
    }),
  };
  const paths = precomputedCorpusPaths();
  writeFileSync(paths.texts, Buffer.concat(chunks));
  writeFileSync(paths.index, JSON.stringify(index));
  return { path: paths.index, entries: entries.length };
}

/** A license whose text and words are made on first use. */
class Entry implements CorpusLicense {
  readonly name: string;
  readonly osiApproved: boolean;
  readonly url: string;
  readonly creativeCommons: boolean;
  private wordsOnce: ReadonlySet<string> | null = null;
  private textOnce: string | null;

  constructor(
    readonly id: string,
    readonly wordCount: number,
    readonly fields: number,
    readonly sameText: readonly string[],
    text: string | (() => string),
  ) {
    const info = spdxIndex[id];
    this.name = info?.name ?? id;
    this.osiApproved = info?.osiApproved ?? false;
    this.url = info?.url ?? '';
    this.creativeCommons = id.startsWith('CC-');
    this.textOnce = typeof text === 'string' ? text : null;
    this.decode = typeof text === 'string' ? null : text;
  }

  private readonly decode: (() => string) | null;

  get normalized(): string {
    this.textOnce ??= (this.decode as () => string)();
    return this.textOnce;
  }

  get words(): ReadonlySet<string> {
    this.wordsOnce ??= wordSet(this.normalized);
    return this.wordsOnce;
  }
}

function loadPrecomputed(): { licenses: Entry[]; titles: Record<string, string[]> } | null {
  const key = corpusKey();
  if (!key) return null;
  try {
    const paths = precomputedCorpusPaths();
    const index = JSON.parse(readFileSync(paths.index, 'utf8')) as CorpusIndex;
    if (index.key !== key) return null;
    const texts = readFileSync(paths.texts);
    const licenses = index.entries.map(
      (entry) => new Entry(entry.id, entry.wordCount, entry.fields, entry.sameText, () => texts.toString('utf8', entry.start, entry.end)),
    );
    return { licenses, titles: index.titles };
  } catch {
    return null;
  }
}

function buildInProcess(): { licenses: Entry[]; titles: Record<string, string[]> } {
  const { entries, titles } = buildCorpus();
  return { licenses: entries.map((e) => new Entry(e.id, e.wordCount, e.fields, e.sameText, e.normalized)), titles };
}

let corpus: Corpus | null = null;

/** The corpus: loaded from the build step's files (milliseconds) or built (about a second), kept for the process. */
export function getCorpus(): Corpus {
  if (!corpus) {
    const { licenses, titles } = loadPrecomputed() ?? buildInProcess();
    const idsByLower = new Map<string, string>();
    const names = new Map<string, string>();
    for (const [id, info] of Object.entries(spdxIndex)) {
      idsByLower.set(id.toLowerCase(), id);
      names.set(id, info.name);
    }
    const byWordCount = [...licenses].sort((a, b) => a.wordCount - b.wordCount);
    corpus = { licenses, byWordCount, titles: new TitleMatcher(titles), idsByLower, names };
  }
  return corpus;
}

/** The canonical spelling of an SPDX id (any case, deprecated ids included), or null. */
export function canonicalSpdxId(id: string): string | null {
  return getCorpus().idsByLower.get(id.trim().toLowerCase()) ?? null;
}

/** The SPDX full name of an id, or null. */
export function spdxName(id: string): string | null {
  return getCorpus().names.get(id) ?? null;
}
