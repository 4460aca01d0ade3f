/**
 * The OSV schema (https://ossf.github.io/osv-schema/) as far as OpenChecker reads it. Records are passed on to
 * consumers whole (osv-scanner's JSON embeds full records), so unknown fields are kept, not stripped.
 */

export interface OsvEvent {
  readonly introduced?: string;
  readonly fixed?: string;
  readonly last_affected?: string;
  readonly limit?: string;
}

export interface OsvRange {
  /** `SEMVER`, `ECOSYSTEM` or `GIT` (kept open: newer schema versions may add types). */
  readonly type: string;
  readonly repo?: string;
  readonly events: readonly OsvEvent[];
}

export interface OsvAffected {
  readonly package?: { readonly ecosystem: string; readonly name: string; readonly purl?: string };
  readonly ranges?: readonly OsvRange[];
  readonly versions?: readonly string[];
  readonly [key: string]: unknown;
}

export interface OsvSeverity {
  readonly type: string;
  readonly score: string;
}

export interface OsvVulnerability {
  readonly id: string;
  readonly modified: string;
  readonly aliases?: readonly string[];
  readonly withdrawn?: string;
  readonly summary?: string;
  readonly affected?: readonly OsvAffected[];
  readonly severity?: readonly OsvSeverity[];
  readonly [key: string]: unknown;
}

/** One package at one version, as OSV is asked about it. */
export interface PackageQuery {
  readonly ecosystem: string;
  readonly name: string;
  readonly version: string;
  /**
   * The commit the lockfile pins (git dependencies; composer's source reference), when it names one. Only
   * offline matching reads it, for GIT ranges; the API is asked by name and version, and `queryKey` leaves it
   * out.
   */
  readonly commit?: string;
}

/** Where vulnerability records come from: the OSV API or an offline database. */
export interface VulnerabilitySource {
  /** Full records of the vulnerabilities affecting each query, in query order. */
  findVulnerabilities(queries: readonly PackageQuery[], signal: AbortSignal): Promise<OsvVulnerability[][]>;
  /** Every record whose affected packages include this one, whatever the version (the project's own advisories). */
  packageRecords?(ecosystem: string, name: string, signal: AbortSignal): Promise<OsvVulnerability[]>;
  /** Queries the source refused (the OSV API's 400 for that query alone), by `queryKey`, with the reason. */
  readonly rejected?: ReadonlyMap<string, string>;
}

export function isOsvVulnerability(value: unknown): value is OsvVulnerability {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.id === 'string' && record.id !== '';
}
