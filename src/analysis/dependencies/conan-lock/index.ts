/**
 * Conan's `conan.lock` (JSON). Conan 2 (lock version 0.5) lists references: `requires` (the graph's host
 * packages), `build_requires` (tools: dev) and `python_requires`, each `name/version[@user/channel][#rrev[%ts]]`
 * with no graph. Conan 1 (0.4) holds `graph_lock.nodes`: node "0" is the consumer, whose `requires` are the
 * direct dependencies; every node's `requires`/`build_requires` give the graph.
 */
import { LineLocator } from '../lines.js';
import { purlOf } from '../purl.js';
import { MalformedFileError, asString, baseName, isObject, packageRecord, parseJsonText } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'conan-lock',
  version: 1,
  ecosystem: 'ConanCenter',
  matches: (path) => baseName(path) === 'conan.lock',
  async extract(repo, path) {
    return parseConanLock(await readLockfile(repo, path), path);
  },
};

/** `zlib/1.2.13@user/channel#rrev%timestamp` → name and version. */
export function parseReference(reference: string): { name: string; version: string } | undefined {
  const match = /^([^/@#%\s]+)\/([^@#%\s]+)/.exec(reference);
  return match ? { name: match[1] as string, version: match[2] as string } : undefined;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

export function parseConanLock(text: string, path: string): PackageRecord[] {
  const document = parseJsonText(text, path);
  if (!isObject(document)) throw new MalformedFileError('a conan.lock must hold a JSON object');
  const locator = new LineLocator(text);
  const locate = (reference: string): number | undefined => locator.find(JSON.stringify(reference).slice(0, -1));
  if (isObject(document.graph_lock) && isObject(document.graph_lock.nodes)) {
    const nodes = document.graph_lock.nodes;
    const identity = new Map<string, { name: string; version: string; ref: string }>();
    for (const [id, node] of Object.entries(nodes)) {
      const ref = isObject(node) ? asString(node.ref) : undefined;
      const parsed = ref ? parseReference(ref) : undefined;
      if (ref && parsed) identity.set(id, { ...parsed, ref });
    }
    const root = nodes['0'];
    const direct = new Set(isObject(root) ? [...strings(root.requires), ...strings(root.build_requires)] : []);
    const buildOnly = new Set<string>();
    for (const node of Object.values(nodes)) if (isObject(node)) for (const id of strings(node.build_requires)) buildOnly.add(id);
    for (const node of Object.values(nodes)) if (isObject(node)) for (const id of strings(node.requires)) buildOnly.delete(id);
    const records: PackageRecord[] = [];
    for (const [id, node] of Object.entries(nodes)) {
      const ident = identity.get(id);
      if (!ident || !isObject(node) || id === '0') continue;
      records.push(
        packageRecord('ConanCenter', path, {
          name: ident.name,
          version: ident.version,
          direct: direct.has(id),
          dev: buildOnly.has(id),
          line: locator.find(JSON.stringify(ident.ref)),
          dependsOn: [...strings(node.requires), ...strings(node.build_requires)]
            .map((dep) => identity.get(dep))
            .filter((dep): dep is { name: string; version: string; ref: string } => dep !== undefined)
            .map((dep) => purlOf('ConanCenter', dep.name, dep.version)),
        }),
      );
    }
    return records;
  }
  if (!Array.isArray(document.requires) && !Array.isArray(document.build_requires)) {
    throw new MalformedFileError('neither "requires" nor "graph_lock": not a conan.lock');
  }
  const records: PackageRecord[] = [];
  for (const [field, dev] of [['requires', false], ['build_requires', true], ['python_requires', true]] as const) {
    for (const reference of strings(document[field])) {
      const parsed = parseReference(reference);
      if (!parsed) continue;
      records.push(packageRecord('ConanCenter', path, { ...parsed, dev, line: locate(reference) }));
    }
  }
  return records;
}
