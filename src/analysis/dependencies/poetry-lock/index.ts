/**
 * Poetry's `poetry.lock` (TOML): one `[[package]]` per locked package with `name`, `version`, its
 * `[package.dependencies]` (names → constraints: the graph, one version per name) and `[package.source]`
 * for git/path/url packages. Lockfiles before Poetry 1.5 carry `category = "dev"`; later ones do not, so
 * dev-only packages are derived from the graph and the `pyproject.toml` beside the lockfile, which also
 * gives the direct dependencies.
 */
import type { RepoView } from '../../../lib/repo/repo-view.js';
import { devOnly } from '../graph.js';
import { LineLocator } from '../lines.js';
import { declaredByPyproject, normalizePythonName, lockPackages, siblingToml, type DeclaredPython } from '../python-common.js';
import { asString, baseName, isObject, packageRecord } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'poetry-lock',
  version: 1,
  ecosystem: 'PyPI',
  matches: (path) => baseName(path) === 'poetry.lock',
  async extract(repo: RepoView, path: string) {
    const pyproject = await siblingToml(repo, path, 'pyproject.toml');
    return parsePoetryLock(await readLockfile(repo, path), path, pyproject === undefined ? undefined : declaredByPyproject(pyproject));
  },
};

/** `[package.source]` of git/directory/file/url packages. */
export function pythonSourceOrigin(source: unknown): Pick<PackageRecord, 'resolution' | 'commit'> {
  if (!isObject(source)) return { resolution: 'registry' };
  const type = asString(source.type);
  if (type === 'git') {
    const commit = asString(source.resolved_reference) ?? asString(source.reference);
    return { resolution: 'git', commit: commit && /^[0-9a-f]{7,40}$/i.test(commit) ? commit.toLowerCase() : undefined };
  }
  if (type === 'directory' || type === 'file') return { resolution: 'local' };
  if (type === 'url') return { resolution: 'url' };
  return { resolution: 'registry' };
}

export function parsePoetryLock(text: string, path: string, declared?: DeclaredPython): PackageRecord[] {
  const { packages, purlByName } = lockPackages(text, 'poetry.lock');
  if (packages.length === 0) return [];
  const graph = new Map<string, string[]>();
  for (const entry of packages) {
    const name = asString(entry.name);
    if (!name) continue;
    const edges = Object.keys(isObject(entry.dependencies) ? entry.dependencies : {})
      .map((dep) => purlByName.get(normalizePythonName(dep)))
      .filter((purl): purl is string => purl !== undefined);
    graph.set(purlByName.get(normalizePythonName(name)) as string, edges);
  }
  const roots = (names: Iterable<string>): string[] => [...names].map((name) => purlByName.get(name)).filter((purl): purl is string => purl !== undefined);
  const derivedDev = declared ? devOnly(graph, roots(declared.prod), roots(declared.dev)) : undefined;
  const locator = new LineLocator(text);
  const records: PackageRecord[] = [];
  for (const entry of packages) {
    const name = asString(entry.name);
    if (!name) continue;
    const key = normalizePythonName(name);
    const purl = purlByName.get(key) as string;
    const category = asString(entry.category);
    records.push(
      packageRecord('PyPI', path, {
        name,
        version: asString(entry.version) ?? '',
        direct: declared ? declared.prod.has(key) || declared.dev.has(key) : undefined,
        dev: category !== undefined ? category === 'dev' : derivedDev?.has(purl),
        line: locator.find(`name = ${JSON.stringify(name)}`),
        dependsOn: graph.get(purl),
        ...pythonSourceOrigin(entry.source),
      }),
    );
  }
  return records;
}
