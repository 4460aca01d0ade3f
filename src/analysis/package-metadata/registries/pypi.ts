/**
 * PyPI's JSON API: `GET /pypi/<name>/<version>/json` answers `{"info": {...}, "urls": [...]}` with the
 * version's core metadata. `info.license_expression` (PEP 639, metadata 2.4) is an SPDX expression and wins;
 * else `info.license` when it names a known license; else the `License ::` Trove classifiers; else the
 * `license` field as written (a pasted license text is matched against the SPDX texts).
 */
import { classifierLicense, spdxOf } from './normalize.js';
import { isDict, strings, type RegistryDefinition } from './types.js';

export const pypiRegistry: RegistryDefinition = {
  id: 'pypi',
  service: 'PyPI',
  ecosystems: ['PyPI'],
  baseUrl: (config) => config.Registries.pypi_url,
  async licenses(lookup, fetch) {
    const doc = await fetch.json(`pypi/${encodeURIComponent(lookup.name)}/${encodeURIComponent(lookup.version)}/json`);
    if (!isDict(doc) || !isDict(doc.info)) return null;
    const info = doc.info;
    const expression = strings(info.license_expression)[0];
    if (expression) return [expression];
    const license = strings(info.license)[0]?.trim();
    if (license && !/^unknown$/i.test(license) && spdxOf(license)) return [license];
    const fromClassifiers = strings(info.classifiers)
      .map(classifierLicense)
      .filter((id): id is string => id !== null);
    if (fromClassifiers.length > 0) return fromClassifiers;
    return license ? [license] : [];
  },
};
