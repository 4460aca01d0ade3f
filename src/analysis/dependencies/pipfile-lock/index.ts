/**
 * Pipenv's `Pipfile.lock`: `default` (production) and `develop` maps of name → `{version: "==1.2.3", ...}`,
 * or `{git, ref}` / `{path}` / `{file}` for non-index packages. The lockfile holds the whole closure but
 * not the graph; the direct dependencies come from the `Pipfile` beside it (TOML `[packages]`,
 * `[dev-packages]`). A version in both sections is production.
 *
 * As OSV-Scanner: only `==`-pinned entries are packages (one per name and version: two versions of a name in
 * the two sections are two packages); path, file and git entries without a version are left out, except a
 * git entry whose `ref` is a commit, kept with that commit for OSV's GIT ranges.
 */
import { LineLocator } from '../lines.js';
import { declaredByPyproject, normalizePythonName, pinnedVersion, siblingToml, type DeclaredPython } from '../python-common.js';
import { MalformedFileError, asString, baseName, isObject, packageRecord, parseJsonText } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'pipfile-lock',
  version: 2,
  ecosystem: 'PyPI',
  matches: (path) => baseName(path) === 'Pipfile.lock',
  async extract(repo, path) {
    const pipfile = await siblingToml(repo, path, 'Pipfile');
    return parsePipfileLock(await readLockfile(repo, path), path, pipfile === undefined ? undefined : declaredByPipfile(pipfile));
  },
};

export function declaredByPipfile(document: unknown): DeclaredPython {
  const declared = declaredByPyproject(undefined);
  if (isObject(document)) {
    for (const name of Object.keys(isObject(document.packages) ? document.packages : {})) declared.prod.add(normalizePythonName(name));
    for (const name of Object.keys(isObject(document['dev-packages']) ? document['dev-packages'] : {})) declared.dev.add(normalizePythonName(name));
  }
  return declared;
}

export function parsePipfileLock(text: string, path: string, declared?: DeclaredPython): PackageRecord[] {
  const document = parseJsonText(text, path);
  if (!isObject(document) || (!isObject(document.default) && !isObject(document.develop))) {
    throw new MalformedFileError('no "default" or "develop" section: not a Pipfile.lock');
  }
  const production = new Set<string>();
  if (isObject(document.default)) {
    for (const [name, entry] of Object.entries(document.default)) production.add(`${normalizePythonName(name)}@${isObject(entry) ? pinnedVersion(asString(entry.version) ?? '') : ''}`);
  }
  const locator = new LineLocator(text);
  const records: PackageRecord[] = [];
  const seen = new Set<string>();
  for (const section of ['default', 'develop'] as const) {
    const packages = document[section];
    if (!isObject(packages)) continue;
    for (const [name, entry] of Object.entries(packages)) {
      if (!isObject(entry)) continue;
      const version = pinnedVersion(asString(entry.version) ?? '');
      const ref = asString(entry.ref) ?? '';
      const commit = asString(entry.git) !== undefined && /^[0-9a-f]{7,40}$/i.test(ref) ? ref.toLowerCase() : undefined;
      // As OSV-Scanner: an entry without an `==` version (a path, a file, a git branch) names no release.
      // A git entry pinned to a commit is kept for that commit.
      if (version === '' && commit === undefined) continue;
      const key = `${normalizePythonName(name)}@${version}`;
      const line = locator.findJsonKey(name, true);
      // One record per name and version: a version in both sections is production.
      if (seen.has(key)) continue;
      seen.add(key);
      const origin: Pick<PackageRecord, 'resolution' | 'commit'> =
        asString(entry.git) !== undefined ? { resolution: 'git', commit } : entry.path !== undefined ? { resolution: 'local' } : entry.file !== undefined ? { resolution: 'url' } : { resolution: 'registry' };
      const normalized = normalizePythonName(name);
      records.push(
        packageRecord('PyPI', path, {
          name,
          version,
          direct: declared ? declared.prod.has(normalized) || declared.dev.has(normalized) : undefined,
          dev: section === 'develop' && !production.has(key),
          line,
          ...origin,
        }),
      );
    }
  }
  return records;
}
