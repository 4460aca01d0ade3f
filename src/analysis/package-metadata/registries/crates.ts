/**
 * crates.io: `GET /api/v1/crates/<name>/<version>` answers `{"version": {"license": "MIT OR Apache-2.0", ...}}`,
 * the `license` of the published Cargo.toml (an SPDX expression; older crates may use `/` for OR). crates.io
 * requires a User-Agent, which the service client sends.
 */
import { isDict, strings, type RegistryDefinition } from './types.js';

export const cratesRegistry: RegistryDefinition = {
  id: 'crates',
  service: 'crates.io',
  ecosystems: ['crates.io'],
  baseUrl: (config) => config.Registries.crates_url,
  async licenses(lookup, fetch) {
    const doc = await fetch.json(`api/v1/crates/${encodeURIComponent(lookup.name)}/${encodeURIComponent(lookup.version)}`);
    if (!isDict(doc) || !isDict(doc.version)) return null;
    return strings(doc.version.license).map((license) => license.replace(/\s*\/\s*/g, ' OR '));
  },
};
