/**
 * PEP 751's `pylock.toml` (and named variants `pylock.<name>.toml`; TOML): `[[packages]]` with `name`, an
 * optional `version`, where it comes from (`index`, `[packages.vcs]` with `commit-id`, `[packages.directory]`,
 * `[packages.archive]`), an environment `marker` and `dependencies` (tables naming other packages: the graph).
 * Top-level `dependency-groups` and `default-groups` say which groups the lock covers and installs by default.
 *
 * As OSV-SCALIBR (python/pylock): every package, named as written, with its version (empty when the file has
 * none) and its VCS commit, except the project itself (no version, `directory.path = "."`). A package whose
 * marker only selects it for non-default dependency groups (`'dev' in dependency_groups`) is dev.
 */
import { LineLocator } from '../lines.js';
import { normalizePythonName, parseTomlText } from '../python-common.js';
import { purlOf } from '../purl.js';
import { MalformedFileError, asString, baseName, isObject, packageRecord } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'pylock-toml',
  version: 1,
  ecosystem: 'PyPI',
  matches: (path) => /^pylock\.(?:.+\.)?toml$/.test(baseName(path)),
  async extract(repo, path) {
    return parsePylock(await readLockfile(repo, path), path);
  },
};

/** The dependency groups a marker selects its package for (`'dev' in dependency_groups`). */
function markerGroups(marker: string | undefined): string[] {
  if (!marker) return [];
  return [...marker.matchAll(/["']([^"']+)["']\s+in\s+dependency_groups/g)].map((match) => match[1] as string);
}

function originOf(entry: Record<string, unknown>): Pick<PackageRecord, 'resolution' | 'commit'> {
  if (isObject(entry.vcs)) {
    const commit = asString(entry.vcs['commit-id']);
    return { resolution: 'git', commit: commit && /^[0-9a-f]{7,40}$/i.test(commit) ? commit.toLowerCase() : undefined };
  }
  if (isObject(entry.directory)) return { resolution: 'local' };
  if (isObject(entry.archive)) return { resolution: 'url' };
  return { resolution: 'registry' };
}

export function parsePylock(text: string, path: string): PackageRecord[] {
  const document = parseTomlText(text);
  if (document['lock-version'] === undefined && !Array.isArray(document.packages)) throw new MalformedFileError('no lock-version nor [[packages]]: not a pylock.toml');
  const packages = (Array.isArray(document.packages) ? document.packages : []).filter(isObject);
  const defaults = new Set((Array.isArray(document['default-groups']) ? document['default-groups'] : []).filter((group): group is string => typeof group === 'string'));
  const byName = new Map<string, string>();
  for (const entry of packages) {
    const name = asString(entry.name);
    if (name) byName.set(normalizePythonName(name), purlOf('PyPI', name, asString(entry.version) ?? ''));
  }
  const locator = new LineLocator(text);
  const records: PackageRecord[] = [];
  for (const entry of packages) {
    const name = asString(entry.name);
    if (!name) continue;
    const line = locator.find(`name = ${JSON.stringify(name)}`);
    const version = asString(entry.version) ?? '';
    // The project itself, which some lockers list.
    if (version === '' && isObject(entry.directory) && asString(entry.directory.path) === '.') continue;
    const groups = markerGroups(asString(entry.marker));
    records.push(
      packageRecord('PyPI', path, {
        name,
        version,
        dev: groups.length > 0 ? groups.every((group) => !defaults.has(group)) : undefined,
        line,
        dependsOn: Array.isArray(entry.dependencies)
          ? entry.dependencies
              .filter(isObject)
              .map((dependency) => byName.get(normalizePythonName(asString(dependency.name) ?? '')))
              .filter((purl): purl is string => purl !== undefined)
          : undefined,
        ...originOf(entry),
      }),
    );
  }
  return records;
}
