/**
 * NuGet's legacy `packages.config` (XML, parsed with fast-xml-parser): `<package id version
 * targetFramework developmentDependency/>` elements. It lists every installed package (direct and
 * transitive alike, so `direct` is not known) and no graph.
 */
import { XMLParser } from 'fast-xml-parser';
import { LineLocator } from '../lines.js';
import { MalformedFileError, asString, baseName, isObject, packageRecord } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'nuget-packages-config',
  version: 1,
  ecosystem: 'NuGet',
  matches: (path) => baseName(path).toLowerCase() === 'packages.config',
  async extract(repo, path) {
    return parsePackagesConfig(await readLockfile(repo, path), path);
  },
};

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => name === 'package',
  processEntities: false,
});

export function parsePackagesConfig(text: string, path: string): PackageRecord[] {
  let document: unknown;
  try {
    document = parser.parse(text, true);
  } catch (err) {
    throw new MalformedFileError(`not valid XML: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!isObject(document) || !('packages' in document)) throw new MalformedFileError('no <packages> element: not a packages.config');
  const root = isObject(document.packages) ? document.packages : {};
  const locator = new LineLocator(text);
  const records: PackageRecord[] = [];
  for (const entry of Array.isArray(root.package) ? root.package : []) {
    if (!isObject(entry)) continue;
    const name = asString(entry.id);
    if (!name) continue;
    records.push(
      packageRecord('NuGet', path, {
        name,
        version: asString(entry.version) ?? '',
        dev: asString(entry.developmentDependency)?.toLowerCase() === 'true',
        line: locator.find(`id="${name}"`),
        resolution: 'registry',
      }),
    );
  }
  return records;
}
