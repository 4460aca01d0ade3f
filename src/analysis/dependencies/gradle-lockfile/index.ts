/**
 * Gradle dependency locking: `gradle.lockfile` (and `<configuration>.lockfile` in the older per-configuration
 * layout under `gradle/dependency-locks/`) and `buildscript-gradle.lockfile` (the build's own plugins and
 * their dependencies). Each line is `group:artifact:version=configuration,configuration`; `empty=` lists
 * configurations without dependencies. Packages locked only in test configurations are dev; buildscript
 * dependencies are dev (they build the project, they do not ship in it). No graph, no direct flag.
 */
import { baseName, dirName, packageRecord } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'gradle-lockfile',
  version: 2,
  ecosystem: 'Maven',
  matches(path) {
    const name = baseName(path);
    return name === 'gradle.lockfile' || name === 'buildscript-gradle.lockfile' || (name.endsWith('.lockfile') && dirName(path).endsWith('gradle/dependency-locks'));
  },
  async extract(repo, path) {
    return parseGradleLockfile(await readLockfile(repo, path), path);
  },
};

function testOnly(configurations: readonly string[]): boolean {
  return configurations.length > 0 && configurations.every((configuration) => /^test|Test[A-Z]|^androidTest|^testFixtures/.test(configuration));
}

export function parseGradleLockfile(text: string, path: string): PackageRecord[] {
  const buildscript = baseName(path).startsWith('buildscript');
  const records: PackageRecord[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('empty=')) return;
    // A line that is not `group:artifact:version[=configurations]` is skipped, as OSV-Scanner skips it: a
    // hand-edited or merge-damaged lockfile still lists its other dependencies.
    const match = /^([^:=\s]+):([^:=\s]+):([^:=\s]+)(?:=(.*))?$/.exec(line);
    if (!match) return;
    const configurations = (match[4] ?? '').split(',').filter(Boolean);
    records.push(
      packageRecord('Maven', path, {
        name: `${match[1] as string}:${match[2] as string}`,
        version: match[3] as string,
        dev: buildscript || testOnly(configurations),
        line: index + 1,
        resolution: 'registry',
      }),
    );
  });
  return records;
}
