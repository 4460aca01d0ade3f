/**
 * The license corpus: every current SPDX license text (spdx-license-list ships them), normalised once per
 * process with its word set, for the exact and Sørensen–Dice matchers. Deprecated SPDX ids are left out (their
 * texts are those of the current ids), and licenses whose normalised texts are identical (GPL-2.0-only and
 * GPL-2.0-or-later share one text) are grouped under the first id; the text alone cannot tell them apart.
 */
import { createRequire } from 'node:module';
import spdxFull from 'spdx-license-list/full.js';
import { buildTitleRegex, normalizeLicenseText, wordSet } from './normalize.js';

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
  readonly words: ReadonlySet<string>;
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
  readonly titleRegex: RegExp;
  /** Current and deprecated SPDX ids by lower-cased id. */
  readonly idsByLower: ReadonlyMap<string, string>;
  readonly names: ReadonlyMap<string, string>;
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

let corpus: Corpus | null = null;

/** The corpus, built on first use (about 0.5 s) and kept for the life of the process. */
export function getCorpus(): Corpus {
  corpus ??= buildCorpus();
  return corpus;
}

function buildCorpus(): Corpus {
  // `GPL-2.0+` and friends are deprecated spellings too, though the list of deprecated ids omits them.
  const entries = Object.entries(spdxFull).filter(([id]) => !DEPRECATED.has(id) && !id.endsWith('+'));
  const titleRegex = buildTitleRegex(entries.map(([id, info]) => ({ id, name: info.name })));
  const byText = new Map<string, { ids: string[]; fields: number }>();
  for (const [id, info] of entries) {
    const fields = (info.licenseText.match(PLACEHOLDER) ?? []).length;
    const normalized = normalizeLicenseText(info.licenseText, { titleRegex });
    if (normalized.length < 20) continue;
    const group = byText.get(normalized);
    if (group) group.ids.push(id);
    else byText.set(normalized, { ids: [id], fields });
  }
  const licenses: CorpusLicense[] = [];
  for (const [normalized, group] of byText) {
    const id = preferredOf(group.ids);
    const info = spdxFull[id];
    if (!info) continue;
    const texts = [normalized];
    const variant = VARIANTS[id]?.reduce((text, [from, to]) => text.replace(from, to), normalized);
    if (variant) texts.push(variant);
    for (const text of texts) {
      licenses.push({
        id,
        name: info.name,
        osiApproved: info.osiApproved,
        url: info.url,
        normalized: text,
        words: wordSet(text),
        fields: group.fields,
        sameText: group.ids.filter((other) => other !== id),
        creativeCommons: id.startsWith('CC-'),
      });
    }
  }
  const idsByLower = new Map<string, string>();
  const names = new Map<string, string>();
  for (const [id, info] of Object.entries(spdxFull)) {
    idsByLower.set(id.toLowerCase(), id);
    names.set(id, info.name);
  }
  const byWordCount = [...licenses].sort((a, b) => a.words.size - b.words.size);
  return { licenses, byWordCount, titleRegex, idsByLower, names };
}

/** The canonical spelling of an SPDX id (any case, deprecated ids included), or null. */
export function canonicalSpdxId(id: string): string | null {
  return getCorpus().idsByLower.get(id.trim().toLowerCase()) ?? null;
}

/** The SPDX full name of an id, or null. */
export function spdxName(id: string): string | null {
  return getCorpus().names.get(id) ?? null;
}
