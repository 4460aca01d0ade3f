/**
 * NuGet's `packages.lock.json`: per target framework, each package with `type` (`Direct`, `Transitive`,
 * `CentralTransitive`, `Project`), `resolved` version and its `dependencies` (name → range, resolved within
 * the same framework: the graph). A package locked for several frameworks is reported once (the first);
 * `Project` entries are other projects of the solution (local).
 */
import { LineLocator } from '../lines.js';
import { purlOf } from '../purl.js';
import { MalformedFileError, asString, baseName, isObject, packageRecord, parseJsonText, stringEntries } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'nuget-packages-lock',
  version: 1,
  ecosystem: 'NuGet',
  matches: (path) => baseName(path).toLowerCase() === 'packages.lock.json',
  async extract(repo, path) {
    return parseNugetLock(await readLockfile(repo, path), path);
  },
};

export function parseNugetLock(text: string, path: string): PackageRecord[] {
  const document = parseJsonText(text, path);
  if (!isObject(document) || !isObject(document.dependencies)) throw new MalformedFileError('no "dependencies" object: not a NuGet packages.lock.json');
  const locator = new LineLocator(text);
  const records = new Map<string, PackageRecord>();
  for (const framework of Object.values(document.dependencies)) {
    if (!isObject(framework)) continue;
    // NuGet package ids are case-insensitive.
    const byName = new Map<string, string>();
    for (const [name, entry] of Object.entries(framework)) {
      if (isObject(entry)) byName.set(name.toLowerCase(), purlOf('NuGet', name, asString(entry.resolved) ?? asString(entry.version) ?? ''));
    }
    for (const [name, entry] of Object.entries(framework)) {
      if (!isObject(entry)) continue;
      const purl = byName.get(name.toLowerCase()) as string;
      const line = locator.findJsonKey(name, true);
      if (records.has(purl)) continue;
      const type = asString(entry.type) ?? '';
      records.set(
        purl,
        packageRecord('NuGet', path, {
          name,
          version: asString(entry.resolved) ?? asString(entry.version) ?? '',
          direct: type === 'Direct' ? true : type === 'Transitive' || type === 'CentralTransitive' ? false : undefined,
          line,
          dependsOn: stringEntries(entry.dependencies)
            .map(([dep]) => byName.get(dep.toLowerCase()))
            .filter((target): target is string => target !== undefined),
          resolution: type === 'Project' ? 'local' : 'registry',
        }),
      );
    }
  }
  return [...records.values()];
}
