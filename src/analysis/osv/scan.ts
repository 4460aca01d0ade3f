/**
 * From extracted packages to OSV-Scanner's `--format json` layout: which packages are asked about, how
 * they are spelled for OSV, and the `results[]` document built from the answers.
 *
 * The layout (osv-scanner v1 `models.VulnerabilityResults`):
 * `{"results": [{"source": {"path", "type": "lockfile"}, "packages": [{"package": {"name", "version",
 * "ecosystem"}, "dependency_groups"?, "vulnerabilities": [<full OSV records>], "groups": [{"ids", "aliases",
 * "max_severity"}]}]}], "experimental_config": {...}}`. Like osv-scanner, only packages with vulnerabilities
 * are listed, and only sources with such packages.
 *
 * Beside the layout, `inventory` lists every package that was asked about, per source (`{"path", "packages":
 * [{"name", "version", "ecosystem", "commit"?, "dependency_groups"?}]}`), vulnerable or not: what
 * `openchecker rescan --vulns` matches again against a newer database without cloning (src/tasks/vuln-rescan.ts).
 */
import type { Json } from '../../lib/json.js';
import { NOT_IN_OSV, type ExtractionResult, type PackageRecord } from '../dependencies/types.js';
import { queryKey } from './client.js';
import { groupVulnerabilities } from './groups.js';
import type { OsvVulnerability, PackageQuery } from './types.js';

/** How OSV spells a package: Go versions without the `v`; OHPM packages as npm (see docs/compatibility.md). */
export function osvQuery(pkg: PackageRecord): PackageQuery | null {
  // Workspace members and path dependencies are the project itself; packages without a pinned version
  // (a manifest range) cannot be matched to a release. A git dependency pinned only by its commit is asked by
  // that commit in place of a version (offline matching reads a hash version as the pinned commit).
  if (pkg.resolution === 'local' || (pkg.version.trim() === '' && !pkg.commit)) return null;
  // Pods, JSR modules, vcpkg ports and version-managed runtimes: OSV has no such ecosystem and refuses the query.
  if (NOT_IN_OSV.has(pkg.ecosystem)) return null;
  const ecosystem = pkg.ecosystem === 'OHPM' ? 'npm' : pkg.ecosystem;
  const version = pkg.version.trim() === '' ? (pkg.commit as string) : pkg.ecosystem === 'Go' ? pkg.version.replace(/^v/, '') : pkg.version;
  return pkg.commit ? { ecosystem, name: pkg.name, version, commit: pkg.commit } : { ecosystem, name: pkg.name, version };
}

/** Every distinct query of the extraction. */
export function collectQueries(extractions: readonly ExtractionResult[]): PackageQuery[] {
  const queries = new Map<string, PackageQuery>();
  for (const extraction of extractions) {
    for (const pkg of extraction.packages) {
      const query = osvQuery(pkg);
      if (query) queries.set(queryKey(query), query);
    }
  }
  return [...queries.values()];
}

export interface ScanReportInput {
  readonly repoName: string;
  readonly extractions: readonly ExtractionResult[];
  /** Records per query key (`queryKey`). */
  readonly vulnerabilities: ReadonlyMap<string, readonly OsvVulnerability[]>;
  /** Queries OSV refused, by query key, with its reason. */
  readonly rejected?: ReadonlyMap<string, string>;
}

export function buildScanReport(input: ScanReportInput): { [key: string]: Json } {
  const results: Json[] = [];
  const errors: Json[] = [];
  const inventory: Json[] = [];
  for (const extraction of input.extractions) {
    if (extraction.error) errors.push({ path: `${input.repoName}/${extraction.file}`, error: extraction.error });
    const seen = new Set<string>();
    const packages: Json[] = [];
    const asked: Json[] = [];
    for (const pkg of extraction.packages) {
      const query = osvQuery(pkg);
      if (!query) continue;
      const key = queryKey(query);
      if (seen.has(key)) continue;
      seen.add(key);
      asked.push(inventoryEntry(query, pkg.dev === true));
      const refused = input.rejected?.get(key);
      if (refused !== undefined) {
        errors.push({
          path: `${input.repoName}/${extraction.file}`,
          package: { name: query.name, version: query.version, ecosystem: query.ecosystem },
          error: `OSV refused the query (HTTP 400): ${refused}`,
        });
        continue;
      }
      // Sorted by id: the same report whichever source answered, in whatever order.
      const records = [...(input.vulnerabilities.get(key) ?? [])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      if (records.length === 0) continue;
      const entry: { [key: string]: Json } = { package: { name: query.name, version: query.version, ecosystem: query.ecosystem } };
      if (pkg.dev) entry.dependency_groups = ['dev'];
      entry.vulnerabilities = records as unknown as Json[];
      entry.groups = groupVulnerabilities(records) as unknown as Json[];
      packages.push(entry);
    }
    if (packages.length > 0) results.push({ source: { path: `${input.repoName}/${extraction.file}`, type: 'lockfile' }, packages });
    if (asked.length > 0) inventory.push({ path: `${input.repoName}/${extraction.file}`, packages: asked });
  }
  const report: { [key: string]: Json } = { results, experimental_config: { licenses: { summary: false, allowlist: null } } };
  // Not in osv-scanner's layout (it only logs them): lockfiles that could not be read and packages OSV refused
  // to look up, so a consumer can tell "no vulnerabilities" from "nothing could be scanned".
  if (errors.length > 0) report.errors = errors;
  report.inventory = inventory;
  return report;
}

/** One asked package as `inventory` lists it: the query (commit included, which GIT ranges need) and its group. */
function inventoryEntry(query: PackageQuery, dev: boolean): Json {
  const entry: { [key: string]: Json } = { name: query.name, version: query.version, ecosystem: query.ecosystem };
  if (query.commit) entry.commit = query.commit;
  if (dev) entry.dependency_groups = ['dev'];
  return entry;
}
