/**
 * License names and URLs to SPDX ids: "The Apache Software License, Version 2.0", "MIT License",
 * "https://opensource.org/licenses/MIT", "http://www.apache.org/licenses/LICENSE-2.0.txt". Used for pom.xml
 * and nuspec declarations and for README references (licensee's Reference matcher).
 */
import correct from 'spdx-correct';
import spdxFull from 'spdx-license-list/full.js';
import { getCorpus } from './corpus.js';
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
    for (const [id, info] of Object.entries(spdxFull)) {
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
  readonly pattern: RegExp;
}

let references: Reference[] | null = null;

/**
 * Per-license patterns for licensee's Reference matcher: the license's title in its variants and its id.
 * Bare ids are only used when they cannot be an ordinary word (they contain a digit or a dash, or are
 * all-capitals like MIT and ISC): "Fair" or "curl" in a README is not a license reference.
 */
function referencePatterns(): Reference[] {
  if (!references) {
    references = getCorpus().licenses.map((license) => {
      const [simple, title] = titlePatterns({ id: license.id, name: license.name });
      const parts = [simple, title];
      if (/[\d-]/.test(license.id) || /^[A-Z]{3,}$/.test(license.id)) parts.push(titlePatterns(license)[2]);
      return { id: license.id, pattern: new RegExp(`\\b(?:${parts.join('|')})\\b`, 'i') };
    });
  }
  return references;
}

/** The license a text refers to by title or id (earliest mention, longest on a tie), or null. */
export function findLicenseReference(text: string): string | null {
  let best: { id: string; index: number; length: number } | null = null;
  for (const { id, pattern } of referencePatterns()) {
    const match = pattern.exec(text);
    if (!match) continue;
    if (!best || match.index < best.index || (match.index === best.index && match[0].length > best.length)) {
      best = { id, index: match.index, length: match[0].length };
    }
  }
  return best?.id ?? null;
}
