/**
 * Stack's `stack.yaml.lock` (YAML): `packages` lists each extra dependency of stack.yaml as written (`original`)
 * and as resolved (`completed`). A Hackage package completes to `hackage: name-1.2.3@sha256:<hash>,<size>`; a
 * repository dependency to `{git, commit, name, version, pantry-tree}`. `snapshots` pins the resolver (an LTS or
 * nightly snapshot), whose own packages the file does not list.
 *
 * As OSV-SCALIBR (haskell/stacklock), each `hackage: name-version@...` is a Hackage package. Repository
 * dependencies, which it skips, are kept here with their commit (a git resolution). A YAML document without
 * `packages` has none; text that is not YAML is malformed.
 */
import { LineLocator } from '../lines.js';
import { MalformedFileError, asString, baseName, isObject, packageRecord } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { parseYamlLockfile } from '../yaml.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'stack-lock',
  version: 1,
  ecosystem: 'Hackage',
  matches: (path) => baseName(path) === 'stack.yaml.lock',
  async extract(repo, path) {
    return parseStackLock(await readLockfile(repo, path), path);
  },
};

/** `name-1.2.3@sha256:...,123` → name and version (the version is the last dash-separated numeric part). */
const HACKAGE = /^([A-Za-z0-9][A-Za-z0-9-]*?)-([0-9]+(?:\.[0-9]+)*)(?:@|$)/;

export function parseStackLock(text: string, path: string): PackageRecord[] {
  // Comments only (js-yaml refuses a document without content).
  if (text.replace(/#.*$/gm, '').trim() === '') return [];
  const document = parseYamlLockfile(text);
  if (document === undefined || document === null) return [];
  if (!isObject(document)) throw new MalformedFileError('a stack.yaml.lock must hold a mapping');
  const packages = Array.isArray(document.packages) ? document.packages : [];
  const locator = new LineLocator(text);
  const records: PackageRecord[] = [];
  for (const entry of packages) {
    if (!isObject(entry)) continue;
    const completed = isObject(entry.completed) ? entry.completed : entry;
    const hackage = asString(completed.hackage);
    if (hackage !== undefined) {
      const match = HACKAGE.exec(hackage.trim());
      if (!match) continue;
      records.push(packageRecord('Hackage', path, { name: match[1] as string, version: match[2] as string, line: locator.find(hackage), resolution: 'registry' }));
      continue;
    }
    const commit = asString(completed.commit);
    const name = asString(completed.name);
    if ((asString(completed.git) !== undefined || isObject(completed.github)) && name && commit) {
      records.push(
        packageRecord('Hackage', path, {
          name,
          version: asString(completed.version) ?? '',
          line: locator.find(commit),
          resolution: 'git',
          commit: /^[0-9a-f]{7,40}$/i.test(commit) ? commit.toLowerCase() : undefined,
        }),
      );
    }
  }
  return records;
}
