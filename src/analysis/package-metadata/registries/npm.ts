/**
 * The npm registry: `GET /<name>/<version>` answers the version document (package.json as published), whose
 * `license` is an SPDX expression (or `{type}`, or the deprecated `licenses: [{type}]` list, several
 * entries meaning a choice). The base URL is `[Npm] registry_url`, else npm's own setting (src/platforms/services/npm.ts).
 * OHPM packages are not asked here: OHPM is a different registry.
 */
import { encodePackageName, registryUrl } from '../../../platforms/services/npm.js';
import { isDict, strings, type RegistryDefinition } from './types.js';

export const npmRegistry: RegistryDefinition = {
  id: 'npm',
  service: 'npm registry',
  ecosystems: ['npm'],
  baseUrl: (config) => registryUrl(config),
  async licenses(lookup, fetch) {
    const doc = await fetch.json(`${encodePackageName(lookup.name)}/${encodeURIComponent(lookup.version)}`);
    if (!isDict(doc)) return null;
    const license = doc.license;
    const direct = typeof license === 'string' ? license : isDict(license) && typeof license.type === 'string' ? license.type : null;
    if (direct?.trim()) return [direct.trim()];
    const listed = (Array.isArray(doc.licenses) ? doc.licenses : []).flatMap((entry: unknown) => (isDict(entry) ? strings(entry.type) : strings(entry)));
    if (listed.length > 1) return [listed.map((name) => `(${name})`).join(' OR ')];
    return listed;
  },
};
