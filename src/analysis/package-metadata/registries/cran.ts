/**
 * CRAN through crandb (METACRAN's CRAN metadata database, r-hub/crandb): `GET /<package>/<version>` answers
 * the version's DESCRIPTION fields as JSON (`{"Package", "Version", "License": "MIT + file LICENSE", ...}`),
 * 404 for unknown versions. The R license syntax is mapped to SPDX (normalize.ts `rLicenseExpression`).
 */
import { rLicenseExpression } from './normalize.js';
import { isDict, strings, type RegistryDefinition } from './types.js';

export const cranRegistry: RegistryDefinition = {
  id: 'cran',
  service: 'CRAN (crandb)',
  ecosystems: ['CRAN'],
  baseUrl: (config) => config.Registries.cran_url,
  async licenses(lookup, fetch) {
    const doc = await fetch.json(`${encodeURIComponent(lookup.name)}/${encodeURIComponent(lookup.version)}`);
    if (!isDict(doc)) return null;
    const field = strings(doc.License)[0];
    const expression = field ? rLicenseExpression(field) : null;
    return expression ? [expression] : [];
  },
};
