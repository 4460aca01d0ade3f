/**
 * Packagist's Composer v2 metadata: `GET /p2/<vendor>/<name>.json` (tagged releases) or `~dev.json` (branches,
 * `dev-*` and `*-dev` versions) answers `{"packages": {"<vendor>/<name>": [<version>...]}, "minified":
 * "composer/2.0"}`. Minified lists hold the first version whole and then only the keys that change, with
 * `"__unset"` for removed ones (Composer's MetadataMinifier), so they are expanded before reading. `license`
 * is a list of SPDX ids; several mean the user may choose (Composer's schema), i.e. OR.
 */
import { isDict, strings, type Dict, type RegistryDefinition } from './types.js';

/** Composer's MetadataMinifier::expand. */
export function expandMinified(versions: readonly unknown[]): Dict[] {
  const out: Dict[] = [];
  let previous: Dict = {};
  for (const entry of versions) {
    if (!isDict(entry)) continue;
    const expanded: Dict = { ...previous };
    for (const [key, value] of Object.entries(entry)) {
      if (value === '__unset') delete expanded[key];
      else expanded[key] = value;
    }
    out.push(expanded);
    previous = expanded;
  }
  return out;
}

const isDev = (version: string): boolean => version.startsWith('dev-') || version.endsWith('-dev');
const bare = (version: string): string => version.replace(/^v(?=\d)/i, '');

export const packagistRegistry: RegistryDefinition = {
  id: 'packagist',
  service: 'Packagist',
  ecosystems: ['Packagist'],
  baseUrl: (config) => config.Registries.packagist_url,
  async licenses(lookup, fetch) {
    const name = lookup.name.toLowerCase();
    if (!/^[a-z0-9_.-]+\/[a-z0-9_.-]+$/.test(name)) return null;
    const doc = await fetch.json(`p2/${name}${isDev(lookup.version) ? '~dev' : ''}.json`);
    if (!isDict(doc) || !isDict(doc.packages)) return null;
    const listed = doc.packages[name];
    if (!Array.isArray(listed)) return null;
    const versions = doc.minified === 'composer/2.0' ? expandMinified(listed) : listed.filter(isDict);
    const wanted = bare(lookup.version);
    const found = versions.find((entry) => typeof entry.version === 'string' && (bare(entry.version) === wanted || entry.version_normalized === wanted));
    if (!found) return null;
    const licenses = strings(found.license);
    return licenses.length > 1 ? [licenses.map((id) => `(${id})`).join(' OR ')] : licenses;
  },
};
