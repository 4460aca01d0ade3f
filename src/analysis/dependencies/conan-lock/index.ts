/**
 * Conan's `conan.lock` (JSON). Conan 2 (lock version 0.5) lists references: `requires` (the graph's host
 * packages), `build_requires` (tools: dev) and `python_requires`, each `name/version[@user/channel][#rrev[%ts]]`
 * with no graph. Conan 1 (0.4, and 0.3 whose nodes name a package reference `pref`) holds `graph_lock.nodes`:
 * node "0" is the consumer, whose `requires` are the direct dependencies; every node's `requires`/
 * `build_requires` give the graph. As in OSV-Scanner, nodes with a `path` (local conanfiles) and references
 * without a name are not packages, and a lockfile that lists nothing is empty, not an error.
 */
import { LineLocator } from '../lines.js';
import { purlOf } from '../purl.js';
import { MalformedFileError, asString, baseName, isObject, packageRecord, parseJsonText } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'conan-lock',
  version: 2,
  ecosystem: 'ConanCenter',
  matches: (path) => baseName(path) === 'conan.lock',
  async extract(repo, path) {
    return parseConanLock(await readLockfile(repo, path), path);
  },
};

/**
 * `name/version[@user[/channel]][#rrev][:package_id[#prev]][%timestamp]` → name and version. A reference
 * without a name (`1.0`, the consumer's own conanfile) is none.
 */
export function parseReference(reference: string): { name: string; version: string } | undefined {
  const match = /^([^/@#%:\s]+)\/([^@#%:\s]+)/.exec(reference);
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
      // Lock format 0.3 (Conan up to 1.27) names a node by its package reference `pref`.
      const ref = isObject(node) ? (asString(node.pref) ?? asString(node.ref)) : undefined;
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
      // A node with a `path` is a local conanfile (the consumer itself), not a package.
      if (!ident || !isObject(node) || asString(node.path) !== undefined) continue;
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
  if (document.version === undefined && !['requires', 'build_requires', 'python_requires'].some((field) => Array.isArray(document[field]))) {
    throw new MalformedFileError('no "version", "requires" or "graph_lock": not a conan.lock');
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
