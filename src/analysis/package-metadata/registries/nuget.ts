/**
 * NuGet: the package's own .nuspec from the package base address (the `PackageBaseAddress/3.0.0` resource,
 * `https://api.nuget.org/v3-flatcontainer` on nuget.org): `GET /<id>/<version>/<id>.nuspec`, id and
 * normalised version in lower case. One request per version, where the registration API needs two (leaf,
 * then catalog entry). `<license type="expression">` is an SPDX expression; `<license type="file">` (a
 * license file inside the package, with the placeholder `licenseUrl` `https://aka.ms/deprecateLicenseUrl`)
 * names no license and counts as `non-standard`; an old `<licenseUrl>` is mapped to SPDX where known.
 */
import { XMLParser } from 'fast-xml-parser';
import { NON_STANDARD } from './normalize.js';
import { isDict, strings, type RegistryDefinition } from './types.js';

const xml = new XMLParser({ ignoreAttributes: false, parseTagValue: false, attributeNamePrefix: '@' });

/** NuGet's normalised version: no build metadata, no leading zeros, a zero fourth part dropped, lower case. */
export function normalizeNugetVersion(version: string): string {
  const [core = '', ...pre] = version.split('+')[0]?.split('-') ?? [];
  const parts = core.split('.').map((part) => (/^\d+$/.test(part) ? String(Number(part)) : part));
  while (parts.length < 3) parts.push('0');
  if (parts.length === 4 && parts[3] === '0') parts.pop();
  return [parts.join('.'), ...pre].join('-').toLowerCase();
}

export const nugetRegistry: RegistryDefinition = {
  id: 'nuget',
  service: 'NuGet',
  ecosystems: ['NuGet'],
  baseUrl: (config) => config.Registries.nuget_url,
  async licenses(lookup, fetch) {
    const id = lookup.name.toLowerCase();
    const text = await fetch.text(`${encodeURIComponent(id)}/${encodeURIComponent(normalizeNugetVersion(lookup.version))}/${encodeURIComponent(id)}.nuspec`);
    if (text === null) return null;
    let doc: unknown;
    try {
      doc = xml.parse(text);
    } catch {
      return [];
    }
    const metadata = isDict(doc) && isDict(doc.package) && isDict(doc.package.metadata) ? doc.package.metadata : null;
    if (!metadata) return [];
    const license = metadata.license;
    if (isDict(license)) {
      if (license['@type'] === 'expression') return strings(license['#text']);
      if (license['@type'] === 'file') return [NON_STANDARD];
    }
    return strings(metadata.licenseUrl).filter((url) => !/aka\.ms\/deprecateLicenseUrl/i.test(url));
  },
};
