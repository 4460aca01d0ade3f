/**
 * vcpkg's manifest `vcpkg.json` (JSON): `dependencies` names the ports the project uses (a string, or an object
 * with `name`, `version>=` (a minimum), `host` (a tool for the build machine), `features`, `platform`);
 * `overrides` pins ports to exact versions (`version`, `version-semver`, `version-date`, `version-string`, with a
 * `port-version`); `builtin-baseline` is the vcpkg registry commit whose versions apply otherwise.
 *
 * OSV-SCALIBR has no vcpkg extractor, and OSV no vcpkg ecosystem: these packages are for the SBOM. A port's
 * version is known only when an override pins it; a minimum or the baseline's choice is not a version: ''.
 * Host dependencies are build tools: dev. Dependencies of optional `features` are not read.
 */
import { LineLocator } from '../lines.js';
import { MalformedFileError, asString, baseName, isObject, packageRecord, parseJsonText } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'vcpkg-json',
  version: 1,
  ecosystem: 'vcpkg',
  matches: (path) => baseName(path) === 'vcpkg.json',
  async extract(repo, path) {
    return parseVcpkgJson(await readLockfile(repo, path), path);
  },
};

const VERSION_KEYS = ['version', 'version-semver', 'version-date', 'version-string'];

export function parseVcpkgJson(text: string, path: string): PackageRecord[] {
  const document = parseJsonText(text, path);
  if (!isObject(document)) throw new MalformedFileError('a vcpkg.json must hold an object');
  const pinned = new Map<string, string>();
  for (const override of Array.isArray(document.overrides) ? document.overrides : []) {
    if (!isObject(override)) continue;
    const name = asString(override.name);
    const version = VERSION_KEYS.map((key) => asString(override[key])).find((value) => value !== undefined);
    if (name && version) pinned.set(name, version);
  }
  const locator = new LineLocator(text);
  locator.findJsonKey('dependencies');
  const records: PackageRecord[] = [];
  for (const dependency of Array.isArray(document.dependencies) ? document.dependencies : []) {
    const name = typeof dependency === 'string' ? dependency : isObject(dependency) ? asString(dependency.name) : undefined;
    if (!name) continue;
    records.push(
      packageRecord('vcpkg', path, {
        name,
        version: pinned.get(name) ?? '',
        direct: true,
        dev: isObject(dependency) && dependency.host === true,
        line: locator.find(JSON.stringify(name)),
      }),
    );
  }
  return records;
}
