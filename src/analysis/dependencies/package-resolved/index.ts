/**
 * SwiftPM's `Package.resolved` (JSON), in its three layouts: v1 `{"object": {"pins": [{"package", "repositoryURL",
 * "state"}]}}`, v2 and v3 `{"pins": [{"identity", "kind", "location", "state"}]}` (v3 adds `originHash`). `state`
 * holds the resolved `version` (a tag), the `revision` (the commit checked out) and, for a pin on a branch, `branch`.
 *
 * Packages are in OSV's SwiftURL ecosystem, named by their repository as OSV names them: the URL without scheme,
 * user and `.git` (`github.com/apple/swift-nio`). OSV-SCALIBR (swift/packageresolved) reports each pin's identity
 * and version instead, under the CocoaPods purl type, which no Swift advisory can match. A pin on a branch or a
 * commit has no version: it keeps its commit. The file records neither the graph nor which pins are direct.
 */
import { LineLocator } from '../lines.js';
import { MalformedFileError, asString, baseName, isObject, packageRecord, parseJsonText } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'package-resolved',
  version: 1,
  ecosystem: 'SwiftURL',
  matches: (path) => baseName(path) === 'Package.resolved',
  async extract(repo, path) {
    return parsePackageResolved(await readLockfile(repo, path), path);
  },
};

/**
 * OSV's SwiftURL name of a repository location: `https://github.com/apple/swift-nio.git`,
 * `git@github.com:apple/swift-nio.git` and `ssh://git@github.com/apple/swift-nio` all become
 * `github.com/apple/swift-nio`. A local path loses its leading slashes.
 */
export function swiftUrlName(location: string): string {
  let name = location.trim();
  const scp = /^[^/@:]+@([^/:]+):(?!\/)(.*)$/.exec(name);
  if (scp) name = `${scp[1] as string}/${scp[2] as string}`;
  name = name.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^[^/@]+@/, '');
  return name.replace(/\/+$/, '').replace(/\.git$/i, '').replace(/^\/+/, '');
}

export function parsePackageResolved(text: string, path: string): PackageRecord[] {
  const document = parseJsonText(text, path);
  if (!isObject(document)) throw new MalformedFileError('a Package.resolved must hold an object');
  const pins = Array.isArray(document.pins) ? document.pins : isObject(document.object) && Array.isArray(document.object.pins) ? document.object.pins : undefined;
  if (pins === undefined) throw new MalformedFileError('no "pins" array: not a Package.resolved');
  const locator = new LineLocator(text);
  const records: PackageRecord[] = [];
  for (const pin of pins) {
    if (!isObject(pin)) continue;
    // v1 names the repository `repositoryURL`; v2+ `location` (a URL, a local path or a registry identity).
    const location = asString(pin.location) ?? asString(pin.repositoryURL);
    const identity = asString(pin.identity) ?? asString(pin.package);
    if (!location && !identity) continue;
    const kind = asString(pin.kind);
    const state = isObject(pin.state) ? pin.state : {};
    const revision = asString(state.revision);
    // The pin's first key: `identity` (v2+) or `package` (v1).
    const line = locator.findJsonKey(pin.identity !== undefined ? 'identity' : pin.package !== undefined ? 'package' : pin.location !== undefined ? 'location' : 'repositoryURL');
    records.push(
      packageRecord('SwiftURL', path, {
        // A registry pin's location is its `scope.name` identity, kept as written.
        name: kind === 'registry' ? (location ?? identity ?? '') : swiftUrlName(location ?? identity ?? ''),
        version: asString(state.version) ?? '',
        line,
        resolution: kind === 'localSourceControl' ? 'local' : kind === 'registry' ? 'registry' : 'git',
        commit: revision && /^[0-9a-f]{7,40}$/i.test(revision) ? revision.toLowerCase() : undefined,
      }),
    );
  }
  return records;
}
