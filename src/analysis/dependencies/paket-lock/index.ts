/**
 * Paket's `paket.lock` (.NET), indentation-structured text: sections (`NUGET`, `GITHUB`, `GIT`, `HTTP`, `GIST`,
 * optionally inside `GROUP <name>` blocks) list `remote:` sources (2 spaces), under them the resolved packages
 * as `Name (version)` (4 spaces), and under each package its dependency constraints (6 spaces: the graph).
 *
 * As OSV-SCALIBR (dotnet/paketlock): each 4-space entry of a NUGET section is a NuGet package (a version with a
 * constraint operator is not one); each entry of a GITHUB section is the repository it comes from (the `remote:`
 * `owner/repo`) at its tag, or at its commit when the value is a 40-digit hash. GITHUB entries are source files,
 * not NuGet packages: they are reported as `github.com/owner/repo` in the generic purl type, with the commit.
 * Other sections (GIT, HTTP, GIST) are skipped. Paket groups have free names: dev is not known.
 */
import { purlOf } from '../purl.js';
import { baseName, packageRecord } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'paket-lock',
  version: 1,
  ecosystem: 'NuGet',
  matches: (path) => baseName(path) === 'paket.lock',
  async extract(repo, path) {
    return parsePaketLock(await readLockfile(repo, path), path);
  },
};

const ENTRY = /^ {4}([^\s(]+)\s*\(([^)]+)\)/;
const DEPENDENCY = /^ {6}([^\s(]+)/;

interface Entry {
  readonly name: string;
  readonly version: string;
  readonly line: number;
  readonly group: string;
  readonly github?: { readonly repository: string; readonly commit?: string };
  readonly dependencies: string[];
}

export function parsePaketLock(text: string, path: string): PackageRecord[] {
  const entries: Entry[] = [];
  let group = 'Main';
  let section = '';
  let remote = '';
  let current: Entry | undefined;
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    if (!/^\s/.test(line)) {
      const groupName = /^GROUP\s+(\S+)/.exec(trimmed);
      if (groupName) group = groupName[1] as string;
      section = trimmed;
      remote = '';
      current = undefined;
      return;
    }
    if (trimmed.startsWith('remote:')) {
      remote = trimmed.slice('remote:'.length).trim();
      current = undefined;
      return;
    }
    const dependency = DEPENDENCY.exec(line);
    if (dependency && current) {
      current.dependencies.push(dependency[1] as string);
      return;
    }
    const entry = ENTRY.exec(line);
    current = undefined;
    if (!entry || (section !== 'NUGET' && section !== 'GITHUB')) return;
    const [, name, value] = entry as unknown as [string, string, string];
    const version = value.trim();
    if (version === '' || /[<>=~]/.test(version)) return;
    if (section === 'NUGET') {
      current = { name, version, line: index + 1, group, dependencies: [] };
    } else {
      // `owner/repo (tag)`, or a file of the repository named by the `remote:` line, at a commit.
      const repository = remote || name;
      const isCommit = /^[0-9a-f]{40}$/i.test(version);
      current = { name: `github.com/${repository}`, version: isCommit ? '' : version, line: index + 1, group, github: { repository, commit: isCommit ? version.toLowerCase() : undefined }, dependencies: [] };
    }
    entries.push(current);
  });
  const byName = new Map<string, string>();
  for (const entry of entries) if (!entry.github) byName.set(`${entry.group}\u0000${entry.name.toLowerCase()}`, purlOf('NuGet', entry.name, entry.version));
  return entries.map((entry) =>
    entry.github
      ? packageRecord('generic', path, { name: entry.name, version: entry.version, line: entry.line, resolution: 'git', commit: entry.github.commit })
      : packageRecord('NuGet', path, {
          name: entry.name,
          version: entry.version,
          line: entry.line,
          dependsOn: entry.dependencies.map((name) => byName.get(`${entry.group}\u0000${name.toLowerCase()}`)).filter((purl): purl is string => purl !== undefined),
          resolution: 'registry',
        }),
  );
}
