/**
 * R's `renv.lock` (JSON): `Packages` maps each name to `Package`, `Version`, `Source` (`Repository` with
 * `Repository: CRAN`, `Bioconductor`, `GitHub`/`GitLab` with `RemoteSha`, `Local`) and `Requirements` (the
 * graph, by name). The lockfile does not say which packages are direct.
 *
 * Which entries count follows OSV-Scanner, which reads only CRAN packages: an entry whose `Repository` is CRAN
 * (or a CRAN mirror renv names: RSPM, PPM, P3M). Bioconductor packages are not CRAN packages and the contract
 * has no Bioconductor ecosystem, so they are left out, as are entries without a repository (local folders,
 * URLs). One addition: packages installed from GitHub, GitLab or Bitbucket at a pinned `RemoteSha` are kept,
 * with that commit, so OSV's GIT ranges can be matched against them.
 */
import { LineLocator } from '../lines.js';
import { purlOf } from '../purl.js';
import { MalformedFileError, asString, baseName, isObject, packageRecord, parseJsonText } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'renv-lock',
  version: 2,
  ecosystem: 'CRAN',
  matches: (path) => baseName(path) === 'renv.lock',
  async extract(repo, path) {
    return parseRenvLock(await readLockfile(repo, path), path);
  },
};

/** CRAN and the names renv gives Posit's CRAN mirrors. */
const CRAN_REPOSITORIES = new Set(['CRAN', 'RSPM', 'PPM', 'P3M']);
const GIT_SOURCES = /^(GitHub|GitLab|Bitbucket|git)$/i;

export function parseRenvLock(text: string, path: string): PackageRecord[] {
  const document = parseJsonText(text, path);
  if (!isObject(document) || !isObject(document.Packages)) throw new MalformedFileError('no "Packages" object: not a renv.lock');
  const packages = document.Packages;
  const byName = new Map<string, string>();
  for (const [key, entry] of Object.entries(packages)) {
    if (isObject(entry)) byName.set(key, purlOf('CRAN', asString(entry.Package) ?? key, asString(entry.Version) ?? ''));
  }
  const locator = new LineLocator(text);
  const records: PackageRecord[] = [];
  for (const [key, entry] of Object.entries(packages)) {
    if (!isObject(entry)) continue;
    const source = asString(entry.Source) ?? '';
    const sha = asString(entry.RemoteSha);
    const fromCran = CRAN_REPOSITORIES.has(asString(entry.Repository) ?? '');
    const fromGit = GIT_SOURCES.test(source) && sha !== undefined && /^[0-9a-f]{7,40}$/i.test(sha);
    if (!fromCran && !fromGit) continue;
    const requirements = Array.isArray(entry.Requirements) ? entry.Requirements.filter((item): item is string => typeof item === 'string') : [];
    records.push(
      packageRecord('CRAN', path, {
        name: asString(entry.Package) ?? key,
        version: asString(entry.Version) ?? '',
        declaredLicense: asString(entry.License),
        line: locator.findJsonKey(key, true),
        dependsOn: requirements.map((name) => byName.get(name)).filter((purl): purl is string => purl !== undefined),
        resolution: fromGit ? 'git' : 'registry',
        commit: fromGit ? sha.toLowerCase() : undefined,
      }),
    );
  }
  return records;
}
