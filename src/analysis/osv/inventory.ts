/**
 * A stored osv-scanner result read back as what it asked and what it found, and a result rebuilt from it with
 * new answers: what `openchecker rescan --vulns` (src/tasks/vuln-rescan.ts) matches again without cloning.
 *
 * Results of osv-scanner version 3 and later carry `inventory`, every package asked about (scan.ts). Earlier
 * results list only the vulnerable packages (`results[].packages[]`): those are all that can be asked again, so
 * the inventory is `partial` — a vulnerability gone from them is seen, one in a package that was clean then is not.
 */
import type { Json } from '../../lib/json.js';
import { queryKey } from './client.js';
import { groupVulnerabilities } from './groups.js';
import { isOsvVulnerability, type OsvVulnerability, type PackageQuery } from './types.js';

export interface InventoryPackage {
  readonly query: PackageQuery;
  readonly dev: boolean;
}

export interface InventorySource {
  /** `<repo>/<lockfile>`, as the result's `source.path`. */
  readonly path: string;
  readonly packages: readonly InventoryPackage[];
}

export interface StoredScan {
  /** `full`: every asked package (version 3+); `partial`: only the vulnerable ones of an older result. */
  readonly completeness: 'full' | 'partial';
  readonly sources: readonly InventorySource[];
  /**
   * The records the result reported, by `queryKey` of the package (results[] spell a package without its
   * commit, as osv-scanner does).
   */
  readonly found: ReadonlyMap<string, readonly OsvVulnerability[]>;
}

/** A package's identity in an inventory: the query key plus the pinned commit (GIT ranges read it). */
export function inventoryKey(query: PackageQuery): string {
  return `${queryKey(query)}\u0000${query.commit ?? ''}`;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function readQuery(value: unknown): PackageQuery | null {
  if (!isObject(value)) return null;
  const name = text(value.name);
  const version = text(value.version);
  const ecosystem = text(value.ecosystem);
  if (!name || version === null || !ecosystem) return null;
  const commit = text(value.commit);
  return commit ? { ecosystem, name, version, commit } : { ecosystem, name, version };
}

const isDev = (entry: Record<string, unknown>): boolean => Array.isArray(entry.dependency_groups) && entry.dependency_groups.includes('dev');

/**
 * What a stored result asked and found, or a reason it cannot be re-evaluated (a failed scan's `{"error"}`,
 * something that is not an osv-scanner result).
 */
export function readStoredScan(result: unknown): StoredScan | { readonly unusable: string } {
  if (!isObject(result)) return { unusable: 'no osv-scanner result' };
  if (typeof result.error === 'string') return { unusable: `the scan failed: ${result.error}` };
  if (!Array.isArray(result.results)) return { unusable: 'not an osv-scanner result (no results[])' };
  const found = new Map<string, OsvVulnerability[]>();
  const listed: InventorySource[] = [];
  for (const source of result.results) {
    if (!isObject(source) || !Array.isArray(source.packages)) continue;
    const path = isObject(source.source) ? (text(source.source.path) ?? '') : '';
    const packages: InventoryPackage[] = [];
    for (const entry of source.packages) {
      if (!isObject(entry)) continue;
      const query = readQuery(entry.package);
      if (!query) continue;
      const records = Array.isArray(entry.vulnerabilities) ? entry.vulnerabilities.filter(isOsvVulnerability) : [];
      const key = queryKey(query);
      const known = found.get(key);
      if (known) known.push(...records.filter((record) => !known.some((other) => other.id === record.id)));
      else found.set(key, [...records]);
      packages.push({ query, dev: isDev(entry) });
    }
    listed.push({ path, packages });
  }
  if (!Array.isArray(result.inventory)) return { completeness: 'partial', sources: listed, found };
  const sources: InventorySource[] = [];
  for (const source of result.inventory) {
    if (!isObject(source) || !Array.isArray(source.packages)) continue;
    const packages: InventoryPackage[] = [];
    for (const entry of source.packages) {
      const query = readQuery(entry);
      if (query) packages.push({ query, dev: isObject(entry) && isDev(entry) });
    }
    sources.push({ path: text(source.path) ?? '', packages });
  }
  return { completeness: 'full', sources, found };
}

/** Every distinct package of the inventory. */
export function inventoryQueries(scan: StoredScan): PackageQuery[] {
  const queries = new Map<string, PackageQuery>();
  for (const source of scan.sources) for (const pkg of source.packages) queries.set(inventoryKey(pkg.query), pkg.query);
  return [...queries.values()];
}

const byId = (a: OsvVulnerability, b: OsvVulnerability): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The stored result with new answers: `results` rebuilt from the inventory in osv-scanner's layout (as
 * scan.ts builds it), refused queries replaced by the new ones in `errors` (lockfile errors kept), every other
 * field (`avg_vulnerability_fix_days` and its evidence, `inventory`) kept as the scan left it.
 */
export function rebuildScanResult(
  previous: Record<string, unknown>,
  scan: StoredScan,
  vulnerabilities: ReadonlyMap<string, readonly OsvVulnerability[]>,
  rejected: ReadonlyMap<string, string> | undefined,
): { [key: string]: Json } {
  const results: Json[] = [];
  const errors: Json[] = Array.isArray(previous.errors) ? (previous.errors.filter((error) => isObject(error) && !('package' in error)) as Json[]) : [];
  for (const source of scan.sources) {
    const packages: Json[] = [];
    for (const pkg of source.packages) {
      const { query } = pkg;
      const refused = rejected?.get(queryKey(query));
      const spelled = { name: query.name, version: query.version, ecosystem: query.ecosystem };
      if (refused !== undefined) {
        errors.push({ path: source.path, package: spelled, error: `OSV refused the query (HTTP 400): ${refused}` });
        continue;
      }
      const records = [...(vulnerabilities.get(inventoryKey(query)) ?? [])].sort(byId);
      if (records.length === 0) continue;
      const entry: { [key: string]: Json } = { package: spelled };
      if (pkg.dev) entry.dependency_groups = ['dev'];
      entry.vulnerabilities = records as unknown as Json[];
      entry.groups = groupVulnerabilities(records) as unknown as Json[];
      packages.push(entry);
    }
    if (packages.length > 0) results.push({ source: { path: source.path, type: 'lockfile' }, packages });
  }
  const rebuilt: { [key: string]: Json } = { ...(previous as { [key: string]: Json }), results };
  if (errors.length > 0) rebuilt.errors = errors;
  else delete rebuilt.errors;
  return rebuilt;
}
