/**
 * RubyGems.org: `GET /api/v2/rubygems/<name>/versions/<version>.json` answers the version's gemspec summary
 * (`{"name", "version", "licenses": ["MIT"], "sha", ...}`). Platform gems pinned as `1.2.3-x86_64-linux`
 * are asked with `?platform=`, as the API documents.
 */
import { isDict, strings, type RegistryDefinition } from './types.js';

export const rubygemsRegistry: RegistryDefinition = {
  id: 'rubygems',
  service: 'RubyGems.org',
  ecosystems: ['RubyGems'],
  baseUrl: (config) => config.Registries.rubygems_url,
  async licenses(lookup, fetch) {
    const platform = /^(\d[\w.]*)-([a-z][\w-]*)$/i.exec(lookup.version);
    const version = platform ? (platform[1] as string) : lookup.version;
    const query = platform ? `?platform=${encodeURIComponent(platform[2] as string)}` : '';
    const doc = await fetch.json(`api/v2/rubygems/${encodeURIComponent(lookup.name)}/versions/${encodeURIComponent(version)}.json${query}`);
    if (!isDict(doc)) return null;
    return strings(doc.licenses);
  },
};
