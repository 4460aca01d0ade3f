/**
 * Rust's `Cargo.lock` (TOML): `[[package]]` with `name`, `version`, `source` (`registry+...`,
 * `git+url?rev#commit`; none for workspace members and path crates) and `dependencies` as `"name"`,
 * `"name version"` or `"name version (source)"` strings (the version is there when the name alone is
 * ambiguous): the graph. Workspace members are local packages; their dependencies are the direct ones.
 */
import { LineLocator } from '../lines.js';
import { parseTomlText } from '../python-common.js';
import { purlOf } from '../purl.js';
import { MalformedFileError, asString, baseName, isObject, packageRecord } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'cargo-lock',
  version: 2,
  ecosystem: 'crates.io',
  matches: (path) => baseName(path) === 'Cargo.lock',
  async extract(repo, path) {
    return parseCargoLock(await readLockfile(repo, path), path);
  },
};

function originOf(source: string | undefined): Pick<PackageRecord, 'resolution' | 'commit'> {
  if (source === undefined) return { resolution: 'local' };
  if (source.startsWith('git+')) return { resolution: 'git', commit: /#([0-9a-f]{7,40})$/i.exec(source)?.[1]?.toLowerCase() };
  if (source.startsWith('registry+') || source.startsWith('sparse+')) return { resolution: 'registry' };
  return {};
}

export function parseCargoLock(text: string, path: string): PackageRecord[] {
  const document = parseTomlText(text);
  // A lockfile without packages (empty, or only `version = 3`) locks nothing, as OSV-Scanner reads it.
  if (document.package === undefined) return [];
  if (!Array.isArray(document.package)) throw new MalformedFileError('"package" is not an array of tables: not a Cargo.lock');
  const packages = document.package.filter(isObject);
  const byName = new Map<string, string[]>();
  const purls = new Map<Record<string, unknown>, string>();
  for (const entry of packages) {
    const name = asString(entry.name);
    if (!name) continue;
    const purl = purlOf('crates.io', name, asString(entry.version) ?? '');
    purls.set(entry, purl);
    byName.set(name, [...(byName.get(name) ?? []), purl]);
  }
  const resolve = (dep: string): string | undefined => {
    const [name, version] = dep.split(' ') as [string, string | undefined];
    return version === undefined ? byName.get(name)?.[0] : purlOf('crates.io', name, version);
  };
  const graph = new Map<string, string[]>();
  const direct = new Set<string>();
  for (const entry of packages) {
    const purl = purls.get(entry);
    if (!purl) continue;
    const edges = (Array.isArray(entry.dependencies) ? entry.dependencies : [])
      .map((dep) => (typeof dep === 'string' ? resolve(dep) : undefined))
      .filter((target): target is string => target !== undefined);
    graph.set(purl, edges);
    if (entry.source === undefined) for (const edge of edges) direct.add(edge);
  }
  const locator = new LineLocator(text);
  return packages
    .filter((entry) => purls.has(entry))
    .map((entry) => {
      const purl = purls.get(entry) as string;
      const origin = originOf(asString(entry.source));
      return packageRecord('crates.io', path, {
        name: asString(entry.name) as string,
        version: asString(entry.version) ?? '',
        direct: origin.resolution === 'local' ? undefined : direct.has(purl),
        line: locator.find(`name = ${JSON.stringify(asString(entry.name))}`, (after) => text[after] === '\n' || text[after] === '\r'),
        dependsOn: graph.get(purl),
        ...origin,
      });
    });
}
