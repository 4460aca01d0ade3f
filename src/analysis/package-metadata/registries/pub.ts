/**
 * pub.dev. A pubspec has no license field: pub.dev detects the LICENSE file of each upload and publishes the
 * result as `license:<spdx id, lower case>` tags of `GET /api/packages/<name>/score` (documented in
 * pub.dev/help/api), alongside `license:osi-approved` / `license:fsf-libre` classification tags. The score
 * describes the latest version, so an older pinned version gets the current license (see
 * docs/compatibility.md).
 */
import { spdxOf } from './normalize.js';
import { isDict, strings, type RegistryDefinition } from './types.js';

const CLASSIFICATION_TAGS = new Set(['osi-approved', 'fsf-libre', 'unknown']);

export const pubRegistry: RegistryDefinition = {
  id: 'pub',
  service: 'pub.dev',
  ecosystems: ['Pub'],
  baseUrl: (config) => config.Registries.pub_url,
  async licenses(lookup, fetch) {
    const doc = await fetch.json(`api/packages/${encodeURIComponent(lookup.name)}/score`);
    if (!isDict(doc)) return null;
    return strings(doc.tags)
      .filter((tag) => tag.startsWith('license:') && !CLASSIFICATION_TAGS.has(tag.slice('license:'.length)))
      .map((tag) => spdxOf(tag.slice('license:'.length)) ?? tag.slice('license:'.length));
  },
};
