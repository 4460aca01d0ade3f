/**
 * Gradle version catalogs (TOML): `gradle/libs.versions.toml`, and any `*.versions.toml` in a `gradle/` folder.
 * `[libraries]` declares each library as `"group:artifact:version"`, `"group:artifact"`, or a table with `module`
 * (or `group` and `name`) and `version`; a version is a string, a reference into `[versions]` (`version.ref`) or
 * a rich version (`strictly`, `require`, `prefer`, `reject`). `[bundles]` only group libraries and `[plugins]`
 * are Gradle plugins, not Maven artifacts.
 *
 * As OSV-SCALIBR (java/gradleversioncatalog): one Maven package per library that has coordinates, with
 * `strictly` before `require` before `prefer` and references resolved; a library without a version, or with an
 * unknown reference, is reported without one. A rich version in `[versions]` is read too. A catalog declares
 * what builds may use, not what they resolved: ranges and dynamic versions (`[1.0,2.0)`, `1.+`, `latest.release`)
 * pin nothing and give ''.
 */
import { LineLocator } from '../lines.js';
import { parseTomlText } from '../python-common.js';
import { asString, baseName, dirName, isObject, packageRecord } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'gradle-version-catalog',
  version: 1,
  ecosystem: 'Maven',
  matches: (path) => baseName(path) === 'libs.versions.toml' || (baseName(path).endsWith('.versions.toml') && baseName(dirName(path)) === 'gradle'),
  async extract(repo, path) {
    return parseVersionCatalog(await readLockfile(repo, path), path);
  },
};

/** A version that names one release: not a range, a prefix (`1.+`) or a `latest.` selector. */
function exact(version: string | undefined): string | undefined {
  if (version === undefined) return undefined;
  const trimmed = version.trim();
  return trimmed !== '' && !/[[\](),+*]|^latest\./.test(trimmed) ? trimmed : undefined;
}

/** A version value: a string, or a rich version (`strictly` wins over `require` over `prefer`). */
function richVersion(value: unknown): string | undefined {
  if (typeof value === 'string') return exact(value) ?? '';
  if (!isObject(value)) return undefined;
  for (const key of ['strictly', 'require', 'prefer']) {
    const found = exact(asString(value[key]));
    if (found) return found;
  }
  return '';
}

export function parseVersionCatalog(text: string, path: string): PackageRecord[] {
  const document = parseTomlText(text);
  const versions = isObject(document.versions) ? document.versions : {};
  const versionOf = (value: unknown): string => {
    if (isObject(value) && typeof value.ref === 'string') return richVersion(versions[value.ref]) ?? '';
    return richVersion(value) ?? '';
  };
  const libraries = isObject(document.libraries) ? Object.entries(document.libraries) : [];
  const locator = new LineLocator(text);
  // Aliases are found from the [libraries] header on.
  locator.findLineStart('[libraries]');
  const records: PackageRecord[] = [];
  for (const [alias, value] of libraries) {
    let group: string | undefined;
    let artifact: string | undefined;
    let version = '';
    if (typeof value === 'string') {
      const parts = value.split(':');
      if (parts.length < 2) continue;
      [group, artifact] = parts as [string, string];
      version = richVersion(parts.slice(2).join(':')) ?? '';
    } else if (isObject(value)) {
      const module = asString(value.module);
      if (module !== undefined) {
        const parts = module.split(':');
        if (parts.length !== 2) continue;
        [group, artifact] = parts as [string, string];
      } else {
        group = asString(value.group);
        artifact = asString(value.name);
      }
      version = versionOf(value.version);
    }
    if (!group || !artifact) continue;
    records.push(
      packageRecord('Maven', path, {
        name: `${group}:${artifact}`,
        version,
        direct: true,
        line: locator.find(alias, (after) => /^["']?\s*[=.]/.test(text.slice(after, after + 8))),
        resolution: 'registry',
      }),
    );
  }
  return records;
}
