/**
 * .NET's `<app>.deps.json` (JSON), written by the SDK beside a built application: `libraries` keys every assembly
 * the application loads as `Name/version`, with its `type` (`package` for a NuGet package, `project` for the
 * application and the projects it references, `reference`/`referenceassembly` for framework pieces). `targets`
 * gives, per target framework, each library's `dependencies` (`{name: version}`): the graph.
 *
 * As OSV-SCALIBR (dotnet/depsjson): one package per `libraries` key with exactly one `/`, projects included; a
 * file without libraries is malformed. Projects are local packages; their dependencies are the direct ones.
 */
import { LineLocator } from '../lines.js';
import { purlOf } from '../purl.js';
import { MalformedFileError, asString, baseName, isObject, packageRecord, parseJsonText, stringEntries } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'deps-json',
  version: 1,
  ecosystem: 'NuGet',
  matches: (path) => baseName(path).endsWith('.deps.json') && baseName(path) !== '.deps.json',
  async extract(repo, path) {
    return parseDepsJson(await readLockfile(repo, path), path);
  },
};

/** `Name/version` (a library key), or undefined when it is not exactly that. */
function splitKey(key: string): [name: string, version: string] | undefined {
  const parts = key.split('/');
  return parts.length === 2 && parts[0] && parts[1] ? [parts[0], parts[1]] : undefined;
}

export function parseDepsJson(text: string, path: string): PackageRecord[] {
  const document = parseJsonText(text, path);
  if (!isObject(document)) throw new MalformedFileError('a deps.json must hold an object');
  const libraries = isObject(document.libraries) ? Object.entries(document.libraries) : [];
  if (libraries.length === 0) throw new MalformedFileError('no "libraries": not a deps.json, or an empty one');
  // NuGet package ids are case-insensitive; targets may spell a dependency differently from its library key.
  const purls = new Map<string, string>();
  for (const [key] of libraries) {
    const split = splitKey(key);
    if (split) purls.set(split[0].toLowerCase(), purlOf('NuGet', split[0], split[1]));
  }
  const edges = new Map<string, Set<string>>();
  for (const target of isObject(document.targets) ? Object.values(document.targets) : []) {
    if (!isObject(target)) continue;
    for (const [key, entry] of Object.entries(target)) {
      const split = splitKey(key);
      if (!split || !isObject(entry)) continue;
      const into = edges.get(key.toLowerCase()) ?? new Set<string>();
      for (const [dependency, version] of stringEntries(entry.dependencies)) {
        const known = purls.get(dependency.toLowerCase());
        into.add(known ?? purlOf('NuGet', dependency, version));
      }
      edges.set(key.toLowerCase(), into);
    }
  }
  const projects = libraries.filter(([, entry]) => isObject(entry) && entry.type === 'project').map(([key]) => key.toLowerCase());
  const direct = new Set(projects.flatMap((key) => [...(edges.get(key) ?? [])]));
  const locator = new LineLocator(text);
  // `libraries` comes after `targets`: start the line search there, so the keys found are the library ones.
  locator.findJsonKey('libraries');
  const records: PackageRecord[] = [];
  for (const [key, entry] of libraries) {
    const split = splitKey(key);
    const line = locator.findJsonKey(key);
    if (!split) continue;
    const type = isObject(entry) ? asString(entry.type) : undefined;
    const local = type === 'project';
    records.push(
      packageRecord('NuGet', path, {
        name: split[0],
        version: split[1],
        direct: local ? undefined : projects.length > 0 ? direct.has(purlOf('NuGet', split[0], split[1])) : undefined,
        line,
        dependsOn: [...(edges.get(key.toLowerCase()) ?? [])],
        resolution: local ? 'local' : type === 'package' ? 'registry' : undefined,
      }),
    );
  }
  return records;
}
