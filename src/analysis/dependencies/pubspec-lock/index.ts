/**
 * Dart/Flutter's `pubspec.lock` (YAML): `packages:` maps each name to `dependency` (`direct main`, `direct
 * dev`, `direct overridden`, `transitive`), `source` (`hosted`, `git`, `path`, `sdk`) and `version`. Every
 * entry is reported, as OSV-Scanner does: `path` packages as `resolution: 'local'`, and SDK packages
 * (`flutter`, `flutter_test`, `sky_engine`, which ship with the SDK) with the version the file gives them.
 * Git packages carry their `resolved-ref` commit. The file records no graph.
 */
import { LineLocator } from '../lines.js';
import { MalformedFileError, asString, baseName, isObject, packageRecord } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { parseYamlLockfile } from '../yaml.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'pubspec-lock',
  version: 2,
  ecosystem: 'Pub',
  matches: (path) => baseName(path) === 'pubspec.lock',
  async extract(repo, path) {
    return parsePubspecLock(await readLockfile(repo, path), path);
  },
};

export function parsePubspecLock(text: string, path: string): PackageRecord[] {
  const document = parseYamlLockfile(text);
  if (!isObject(document)) throw new MalformedFileError('a pubspec.lock must hold a mapping');
  if (!isObject(document.packages)) {
    if (document.sdks !== undefined) return [];
    throw new MalformedFileError('no "packages" mapping: not a pubspec.lock');
  }
  const locator = new LineLocator(text);
  const records: PackageRecord[] = [];
  for (const [name, value] of Object.entries(document.packages)) {
    const entry = isObject(value) ? value : {};
    const line = locator.findMappingKey(name);
    const source = asString(entry.source);
    const dependency = asString(entry.dependency) ?? '';
    const description = isObject(entry.description) ? entry.description : {};
    const commit = asString(description['resolved-ref']);
    records.push(
      packageRecord('Pub', path, {
        name,
        version: asString(entry.version) ?? '',
        direct: dependency === '' ? undefined : dependency.startsWith('direct'),
        dev: dependency === '' ? undefined : dependency.split(' ').includes('dev'),
        line,
        resolution: source === 'git' ? 'git' : source === 'path' ? 'local' : source === 'hosted' ? 'registry' : undefined,
        commit: source === 'git' && commit && /^[0-9a-f]{7,40}$/i.test(commit) ? commit.toLowerCase() : undefined,
      }),
    );
  }
  return records;
}
