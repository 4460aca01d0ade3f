/**
 * Carthage's `Cartfile.resolved`: one dependency per line, `origin "identifier" "version"`, where origin is
 * `github` (`owner/repo`, or a full URL for GitHub Enterprise), `git` (any repository URL) or `binary` (a
 * prebuilt framework's JSON spec). The version is a tag, or a commit when the Cartfile asked for a branch.
 *
 * As OSV-SCALIBR (swift/carthagecartfileresolved): github and git entries are Swift packages named by their
 * repository path (`github.com/Alamofire/Alamofire`, OSV's SwiftURL names), binary entries are skipped, and a
 * line that is not three quoted fields, or names another origin, makes the file malformed. A version that is
 * a 40-digit commit is carried as the commit, with no version. The file has no graph and no direct flags.
 */
import { swiftUrlName } from '../package-resolved/index.js';
import { MalformedFileError, baseName, packageRecord } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'cartfile-resolved',
  version: 1,
  ecosystem: 'SwiftURL',
  matches: (path) => baseName(path) === 'Cartfile.resolved',
  async extract(repo, path) {
    return parseCartfileResolved(await readLockfile(repo, path), path);
  },
};

/** `owner/repo` is on GitHub; anything else is a repository URL. */
function repositoryName(origin: string, identifier: string): string {
  const name = swiftUrlName(identifier);
  return origin === 'github' && name.split('/').length === 2 ? `github.com/${name}` : name;
}

export function parseCartfileResolved(text: string, path: string): PackageRecord[] {
  const records: PackageRecord[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '').trim();
    if (line === '' || line.startsWith('#')) return;
    const match = /^(\S+)\s+"((?:[^"\\]|\\.)*)"\s+"((?:[^"\\]|\\.)*)"/.exec(line);
    if (!match) throw new MalformedFileError(`line ${index + 1}: not origin "identifier" "version"`);
    const [, origin, identifier, version] = match as unknown as [string, string, string, string];
    if (identifier === '' || version === '') throw new MalformedFileError(`line ${index + 1}: empty identifier or version`);
    if (origin === 'binary') return;
    if (origin !== 'github' && origin !== 'git') throw new MalformedFileError(`line ${index + 1}: unknown origin ${JSON.stringify(origin)}`);
    const isCommit = /^[0-9a-f]{40}$/i.test(version);
    records.push(
      packageRecord('SwiftURL', path, {
        name: repositoryName(origin, identifier),
        version: isCommit ? '' : version,
        line: index + 1,
        resolution: 'git',
        commit: isCommit ? version.toLowerCase() : undefined,
      }),
    );
  });
  return records;
}
