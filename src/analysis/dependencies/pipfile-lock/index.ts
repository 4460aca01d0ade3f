/**
 * Pipenv's `Pipfile.lock`: `default` (production) and `develop` maps of name → `{version: "==1.2.3", ...}`,
 * or `{git, ref}` / `{path}` / `{file}` for non-index packages. The lockfile holds the whole closure but
 * not the graph; the direct dependencies come from the `Pipfile` beside it (TOML `[packages]`,
 * `[dev-packages]`). A package in both sections is production.
 */
import { LineLocator } from '../lines.js';
import { declaredByPyproject, normalizePythonName, pinnedVersion, siblingToml, type DeclaredPython } from '../python-common.js';
import { MalformedFileError, asString, baseName, isObject, packageRecord, parseJsonText } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'pipfile-lock',
  version: 1,
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
  const production = new Set(Object.keys(isObject(document.default) ? document.default : {}).map(normalizePythonName));
  const locator = new LineLocator(text);
  const records: PackageRecord[] = [];
  const seen = new Set<string>();
  for (const section of ['default', 'develop'] as const) {
    const packages = document[section];
    if (!isObject(packages)) continue;
    for (const [name, entry] of Object.entries(packages)) {
      if (!isObject(entry)) continue;
      const key = normalizePythonName(name);
      const line = locator.findJsonKey(name, true);
      if (seen.has(key)) continue;
      seen.add(key);
      const git = asString(entry.git);
      const origin: Pick<PackageRecord, 'resolution' | 'commit'> = git
        ? { resolution: 'git', commit: /^[0-9a-f]{7,40}$/i.test(asString(entry.ref) ?? '') ? asString(entry.ref)?.toLowerCase() : undefined }
        : entry.path !== undefined
          ? { resolution: 'local' }
          : entry.file !== undefined
            ? { resolution: 'url' }
            : { resolution: 'registry' };
      records.push(
        packageRecord('PyPI', path, {
          name,
          version: pinnedVersion(asString(entry.version) ?? ''),
          direct: declared ? declared.prod.has(key) || declared.dev.has(key) : undefined,
          dev: section === 'develop' && !production.has(key),
          line,
          ...origin,
        }),
      );
    }
  }
  return records;
}
