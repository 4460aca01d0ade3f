/**
 * hex.pm: `GET /api/packages/<name>` answers `{"name", "meta": {"licenses": [...], "links", "description"},
 * "releases": [{"version", "url"}...], ...}`. Licenses are package metadata (from the latest release's
 * mix.exs), so a pinned older release gets the current list; the release itself must exist.
 */
import { isDict, strings, type RegistryDefinition } from './types.js';

export const hexRegistry: RegistryDefinition = {
  id: 'hex',
  service: 'hex.pm',
  ecosystems: ['Hex'],
  baseUrl: (config) => config.Registries.hex_url,
  async licenses(lookup, fetch) {
    const doc = await fetch.json(`api/packages/${encodeURIComponent(lookup.name)}`);
    if (!isDict(doc)) return null;
    if (Array.isArray(doc.releases) && !doc.releases.some((release) => isDict(release) && release.version === lookup.version)) return null;
    return isDict(doc.meta) ? strings(doc.meta.licenses) : [];
  },
};
