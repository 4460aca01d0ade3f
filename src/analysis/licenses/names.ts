/**
 * License names and URLs to SPDX ids: "The Apache Software License, Version 2.0", "MIT License",
 * "https://opensource.org/licenses/MIT", "http://www.apache.org/licenses/LICENSE-2.0.txt". Used for pom.xml
 * and nuspec declarations and for README references (licensee's Reference matcher).
 */
import spdxIndex from 'spdx-license-list';
import { getCorpus } from './corpus.js';
import { correct } from './expression.js';
import { titlePatterns } from './normalize.js';

const simplify = (text: string): string =>
  text
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/\blicen[cs]e[sd]?\b/g, 'license')
    .replace(/\bversion\b|\bv(?=\d)/g, '')
    .replace(/[^a-z0-9.+]+/g, ' ')
    .replace(/\.0\b/g, '')
    .replace(/\s+/g, ' ')
    .trim();

const simplifyUrl = (url: string): string =>
  url
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\/(www\.)?/, '')
    .replace(/(\.html?|\.txt|\.php|\/)+(\?.*)?$/, '');

/** Frequent names that are neither SPDX names nor corrected by spdx-correct. */
const EXTRA_NAMES: Readonly<Record<string, string>> = {
  'apache software license 2': 'Apache-2.0',
  'apache 2': 'Apache-2.0',
  'asf 2': 'Apache-2.0',
  'eclipse public license 1': 'EPL-1.0',
  'eclipse public license 2': 'EPL-2.0',
  'bsd license': 'BSD-3-Clause',
  'new bsd license': 'BSD-3-Clause',
  'modified bsd license': 'BSD-3-Clause',
  'simplified bsd license': 'BSD-2-Clause',
  'mit x11': 'MIT',
};

let names: Map<string, string> | null = null;
let urls: Map<string, string> | null = null;

function indexes(): { names: Map<string, string>; urls: Map<string, string> } {
  if (!names || !urls) {
    const byName = new Map(Object.entries(EXTRA_NAMES));
    const byUrl = new Map<string, string>();
    for (const [id, info] of Object.entries(spdxIndex)) {
      if (!byName.has(simplify(info.name))) byName.set(simplify(info.name), id);
      // A few entries of the list have no URL.
      if (typeof info.url === 'string' && info.url) byUrl.set(simplifyUrl(info.url), id);
      byUrl.set(`spdx.org/licenses/${id.toLowerCase()}`, id);
      byUrl.set(`opensource.org/licenses/${id.toLowerCase()}`, id);
    }
    // Addresses projects actually write, besides the ones the SPDX list records.
    byUrl.set('apache.org/licenses/license-2.0', 'Apache-2.0');
    byUrl.set('opensource.org/licenses/mit-license', 'MIT');
    byUrl.set('opensource.org/licenses/bsd-license', 'BSD-2-Clause');
    byUrl.set('opensource.org/licenses/bsd-3-clause', 'BSD-3-Clause');
    byUrl.set('gnu.org/licenses/gpl', 'GPL-3.0-only');
    byUrl.set('gnu.org/licenses/lgpl', 'LGPL-3.0-only');
    byUrl.set('mozilla.org/mpl/2.0', 'MPL-2.0');
    byUrl.set('eclipse.org/legal/epl-v10', 'EPL-1.0');
    byUrl.set('eclipse.org/legal/epl-2.0', 'EPL-2.0');
    names = byName;
    urls = byUrl;
  }
  return { names, urls };
}

/** The SPDX id a license name or URL stands for, or null. */
export function licenseByName(text: string): string | null {
  const trimmed = text.trim();
  if (/^https?:\/\//i.test(trimmed)) return indexes().urls.get(simplifyUrl(trimmed)) ?? null;
  const byName = indexes().names.get(simplify(trimmed));
  if (byName) return byName;
  return correct(trimmed, { upgrade: true });
}

interface Reference {
  readonly id: string;
  readonly name: string;
  /** Lower-case words one of which any mention must contain (the first word of each pattern). */
  readonly keys: readonly string[];
  pattern: RegExp | null;
}

let references: { all: Reference[]; byKey: Map<string, Reference[]> } | null = null;

/** The first word of a title or id, as the text's words are split (see findLicenseReference). */
const firstWord = (text: string): string => /[a-z0-9]+/.exec(text.toLowerCase())?.[0] ?? '';

/** Bare ids are only used when they cannot be an ordinary word (a digit or a dash, or all capitals: MIT, ISC). */
const idIsReference = (id: string): boolean => /[\d-]/.test(id) || /^[A-Z]{3,}$/.test(id);

/**
 * Per-license patterns for licensee's Reference matcher: the license's title in its variants and its id.
 * "Fair" or "curl" in a README is not a license reference (see idIsReference). Each license is filed under
 * the first words of its patterns, and its regex is made the first time a text holds one of them: a README
 * section names one or two licenses, not seven hundred.
 */
function referencePatterns(): { all: Reference[]; byKey: Map<string, Reference[]> } {
  if (!references) {
    const all = getCorpus().licenses.map((license) => {
      const name = license.name.toLowerCase().replace(/^the /, '');
      const keys = new Set([firstWord(license.name), firstWord(name)]);
      if (/^gnu /.test(name)) keys.add(firstWord(name.slice(4)));
      if (idIsReference(license.id)) keys.add(firstWord(license.id));
      return { id: license.id, name: license.name, keys: [...keys].filter(Boolean), pattern: null };
    });
    const byKey = new Map<string, Reference[]>();
    for (const reference of all) {
      for (const key of reference.keys) {
        const list = byKey.get(key);
        if (list) list.push(reference);
        else byKey.set(key, [reference]);
      }
    }
    references = { all, byKey };
  }
  return references;
}

function patternOf(reference: Reference): RegExp {
  if (!reference.pattern) {
    const [simple, title, key] = titlePatterns({ id: reference.id, name: reference.name }) as [string, string, string];
    const parts = idIsReference(reference.id) ? [simple, title, key] : [simple, title];
    reference.pattern = new RegExp(`\\b(?:${parts.join('|')})\\b`, 'i');
  }
  return reference.pattern;
}

/** The license a text refers to by title or id (earliest mention, longest on a tie), or null. */
export function findLicenseReference(text: string): string | null {
  const { all, byKey } = referencePatterns();
  const candidates = new Set<Reference>();
  for (const word of new Set(text.toLowerCase().match(/[a-z0-9]+/g) ?? [])) for (const reference of byKey.get(word) ?? []) candidates.add(reference);
  let best: { order: number; index: number; length: number; id: string } | null = null;
  for (const reference of candidates) {
    const match = patternOf(reference).exec(text);
    if (!match) continue;
    // Ties go to the license listed first, as when every license was tried in corpus order.
    const order = all.indexOf(reference);
    if (!best || match.index < best.index || (match.index === best.index && (match[0].length > best.length || (match[0].length === best.length && order < best.order)))) {
      best = { order, index: match.index, length: match[0].length, id: reference.id };
    }
  }
  return best?.id ?? null;
}
