/**
 * uv's `uv.lock` (TOML): `[[package]]` tables with `name`, `version`, `source` (`registry`, `git` with the
 * commit after `#`, `path`/`directory`/`editable`/`virtual` for local projects, `url`), `dependencies` and
 * `dev-dependencies` (arrays of `{name, version?, extra?}`: the graph; `version` disambiguates when the
 * lockfile holds several versions of one name). The project itself and workspace members are local
 * packages; their dependencies are the direct ones, their `dev-dependencies` the direct development ones.
 */
import { devOnly } from '../graph.js';
import { LineLocator } from '../lines.js';
import { normalizePythonName, parseTomlText } from '../python-common.js';
import { purlOf } from '../purl.js';
import { MalformedFileError, asString, baseName, isObject, packageRecord } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'uv-lock',
  version: 1,
  ecosystem: 'PyPI',
  matches: (path) => baseName(path) === 'uv.lock',
  async extract(repo, path) {
    return parseUvLock(await readLockfile(repo, path), path);
  },
};

function originOf(source: unknown): Pick<PackageRecord, 'resolution' | 'commit'> {
  if (!isObject(source)) return {};
  if (source.registry !== undefined) return { resolution: 'registry' };
  const git = asString(source.git);
  if (git !== undefined) return { resolution: 'git', commit: /#([0-9a-f]{7,40})$/i.exec(git)?.[1]?.toLowerCase() };
  if (source.url !== undefined) return { resolution: 'url' };
  return { resolution: 'local' }; // editable, virtual, path, directory
}

export function parseUvLock(text: string, path: string): PackageRecord[] {
  const document = parseTomlText(text);
  if (!Array.isArray(document.package)) {
    if (document.version !== undefined) return [];
    throw new MalformedFileError('no [[package]] tables: not a uv.lock');
  }
  const packages = document.package.filter(isObject);
  const byName = new Map<string, string[]>();
  const purlOfEntry = new Map<Record<string, unknown>, string>();
  for (const entry of packages) {
    const name = asString(entry.name);
    if (!name) continue;
    const purl = purlOf('PyPI', name, asString(entry.version) ?? '');
    purlOfEntry.set(entry, purl);
    const key = normalizePythonName(name);
    byName.set(key, [...(byName.get(key) ?? []), purl]);
  }
  const resolve = (dep: unknown): string | undefined => {
    if (!isObject(dep)) return undefined;
    const name = asString(dep.name);
    const candidates = name ? byName.get(normalizePythonName(name)) : undefined;
    if (!candidates || !name) return undefined;
    const version = asString(dep.version);
    return version === undefined ? candidates[0] : purlOf('PyPI', name, version);
  };
  const refs = (value: unknown): string[] => (Array.isArray(value) ? value.map(resolve).filter((purl): purl is string => purl !== undefined) : []);
  const groupRefs = (value: unknown): string[] => (isObject(value) ? Object.values(value).flatMap(refs) : []);
  const graph = new Map<string, string[]>();
  const prodRoots = new Set<string>();
  const devRoots = new Set<string>();
  for (const entry of packages) {
    const purl = purlOfEntry.get(entry);
    if (!purl) continue;
    const edges = [...refs(entry.dependencies), ...groupRefs(entry['optional-dependencies'])];
    graph.set(purl, [...new Set(edges)]);
    if (originOf(entry.source).resolution === 'local') {
      for (const edge of edges) prodRoots.add(edge);
      for (const edge of groupRefs(entry['dev-dependencies'])) devRoots.add(edge);
    }
  }
  const dev = devOnly(graph, prodRoots, devRoots);
  const locator = new LineLocator(text);
  const records: PackageRecord[] = [];
  for (const entry of packages) {
    const purl = purlOfEntry.get(entry);
    if (!purl) continue;
    const name = asString(entry.name) as string;
    const origin = originOf(entry.source);
    records.push(
      packageRecord('PyPI', path, {
        name,
        version: asString(entry.version) ?? '',
        direct: origin.resolution === 'local' ? undefined : prodRoots.has(purl) || devRoots.has(purl),
        dev: origin.resolution === 'local' ? undefined : dev.has(purl),
        line: locator.find(`name = ${JSON.stringify(name)}`, (after) => text[after] === '\n' || text[after] === '\r'),
        dependsOn: graph.get(purl),
        ...origin,
      }),
    );
  }
  return records;
}
