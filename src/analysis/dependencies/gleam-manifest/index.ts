/**
 * Gleam's `manifest.toml` (TOML, beside gleam.toml): the lockfile. `packages` is an array of inline tables with
 * `name`, `version`, `source` (`hex`, `git` with `repo` and `commit`, or `local` with `path`) and `requirements`
 * (the names it depends on: the graph); `[requirements]` is the project's own dependencies, as gleam.toml asks
 * for them (the direct ones). Packages are Hex packages.
 *
 * OSV-SCALIBR reads gleam.toml (gleam/gleamtoml), whose ranges are not versions; the manifest pins what is
 * used. A `manifest.toml` that is not Gleam's (no `packages` array nor `[requirements]`) has no packages.
 */
import { LineLocator } from '../lines.js';
import { parseTomlText } from '../python-common.js';
import { purlOf } from '../purl.js';
import { asString, baseName, isObject, packageRecord } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'gleam-manifest',
  version: 1,
  ecosystem: 'Hex',
  matches: (path) => baseName(path) === 'manifest.toml',
  async extract(repo, path) {
    return parseGleamManifest(await readLockfile(repo, path), path);
  },
};

export function parseGleamManifest(text: string, path: string): PackageRecord[] {
  const document = parseTomlText(text);
  if (!Array.isArray(document.packages)) return [];
  const packages = document.packages.filter(isObject);
  const byName = new Map<string, string>();
  for (const entry of packages) {
    const name = asString(entry.name);
    if (name) byName.set(name, purlOf('Hex', name, asString(entry.version) ?? ''));
  }
  const declared = isObject(document.requirements) ? new Set(Object.keys(document.requirements)) : undefined;
  const locator = new LineLocator(text);
  const records: PackageRecord[] = [];
  for (const entry of packages) {
    const name = asString(entry.name);
    if (!name) continue;
    const source = asString(entry.source);
    const commit = asString(entry.commit);
    records.push(
      packageRecord('Hex', path, {
        name,
        version: asString(entry.version) ?? '',
        direct: declared ? declared.has(name) : undefined,
        line: locator.find(`name = ${JSON.stringify(name)}`),
        dependsOn: (Array.isArray(entry.requirements) ? entry.requirements : [])
          .map((requirement) => (typeof requirement === 'string' ? byName.get(requirement) : undefined))
          .filter((purl): purl is string => purl !== undefined),
        resolution: source === 'git' ? 'git' : source === 'local' ? 'local' : source === 'hex' ? 'registry' : undefined,
        commit: source === 'git' && commit && /^[0-9a-f]{7,40}$/i.test(commit) ? commit.toLowerCase() : undefined,
      }),
    );
  }
  return records;
}
