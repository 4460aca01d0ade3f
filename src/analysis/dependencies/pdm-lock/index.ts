/**
 * PDM's `pdm.lock` (TOML): `[[package]]` tables with `name`, `version`, `groups` (lock format 4.x: the
 * dependency groups that need it; `default` is production) and `dependencies` as PEP 508 strings, which
 * give the graph. Direct dependencies come from the `pyproject.toml` beside it. Git and path packages carry
 * `git`/`revision` and `path` keys.
 */
import type { RepoView } from '../../../lib/repo/repo-view.js';
import { LineLocator } from '../lines.js';
import { declaredByPyproject, normalizePythonName, parseRequirement, lockPackages, siblingToml, type DeclaredPython } from '../python-common.js';
import { asString, baseName, packageRecord } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'pdm-lock',
  version: 1,
  ecosystem: 'PyPI',
  matches: (path) => baseName(path) === 'pdm.lock',
  async extract(repo: RepoView, path: string) {
    const pyproject = await siblingToml(repo, path, 'pyproject.toml');
    return parsePdmLock(await readLockfile(repo, path), path, pyproject === undefined ? undefined : declaredByPyproject(pyproject));
  },
};

export function parsePdmLock(text: string, path: string, declared?: DeclaredPython): PackageRecord[] {
  const { packages, purlByName } = lockPackages(text, 'pdm.lock');
  if (packages.length === 0) return [];
  const locator = new LineLocator(text);
  const records: PackageRecord[] = [];
  for (const entry of packages) {
    const name = asString(entry.name);
    if (!name) continue;
    const key = normalizePythonName(name);
    const dependsOn = new Set<string>();
    for (const dep of Array.isArray(entry.dependencies) ? entry.dependencies : []) {
      const requirement = typeof dep === 'string' ? parseRequirement(dep) : undefined;
      const target = requirement ? purlByName.get(normalizePythonName(requirement.name)) : undefined;
      if (target) dependsOn.add(target);
    }
    const groups = Array.isArray(entry.groups) ? entry.groups.filter((group): group is string => typeof group === 'string') : undefined;
    const revision = asString(entry.revision);
    records.push(
      packageRecord('PyPI', path, {
        name,
        version: asString(entry.version) ?? '',
        direct: declared ? declared.prod.has(key) || declared.dev.has(key) : undefined,
        dev: groups ? !groups.includes('default') : undefined,
        line: locator.find(`name = ${JSON.stringify(name)}`),
        dependsOn: [...dependsOn],
        ...(entry.git !== undefined
          ? { resolution: 'git' as const, commit: revision && /^[0-9a-f]{7,40}$/i.test(revision) ? revision.toLowerCase() : undefined }
          : entry.path !== undefined
            ? { resolution: 'local' as const }
            : entry.url !== undefined
              ? { resolution: 'url' as const }
              : { resolution: 'registry' as const }),
      }),
    );
  }
  return records;
}
