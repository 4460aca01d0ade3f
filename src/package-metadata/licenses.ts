/**
 * The licenses of a repository's dependencies: what the lockfile itself declares first (npm and OHPM locks
 * carry `license`), then deps.dev for the rest. Never downloads or clones a dependency (upstream cloned each
 * GitHub-hosted dependency to run licensee on it).
 */
import pLimit from 'p-limit';
import type { Config } from '../config/schema.js';
import type { ExtractionResult, PackageRecord } from '../dependencies/types.js';
import type { Logger } from '../lib/log.js';
import type { SharedCache } from '../lib/shared-cache.js';
import { DepsDevClient, depsDevSystem } from './deps-dev.js';
import { ServiceError, type RetryPolicy } from './http-json.js';

export type LicenseSource = 'lockfile' | 'deps.dev';

export interface LicensedPackage {
  readonly pkg: PackageRecord;
  /** SPDX expressions (or `non-standard`), empty when none was found. */
  readonly licenses: readonly string[];
  readonly source: LicenseSource | null;
}

export interface LicenseReport {
  /** One entry per distinct purl, sorted by purl; the project's own workspace members left out. */
  readonly packages: readonly LicensedPackage[];
  /** Lookups that failed (the packages are reported without a license). */
  readonly errors: readonly string[];
}

/** Distinct dependencies by purl, first occurrence wins, merged with any license a later file declares. */
export function distinctPackages(extractions: readonly ExtractionResult[]): PackageRecord[] {
  const byPurl = new Map<string, PackageRecord>();
  for (const extraction of extractions) {
    for (const pkg of extraction.packages) {
      if (pkg.resolution === 'local') continue;
      const seen = byPurl.get(pkg.purl);
      if (!seen) byPurl.set(pkg.purl, pkg);
      else if (!seen.declaredLicense && pkg.declaredLicense) byPurl.set(pkg.purl, { ...seen, declaredLicense: pkg.declaredLicense });
    }
  }
  return [...byPurl.values()].sort((a, b) => (a.purl < b.purl ? -1 : a.purl > b.purl ? 1 : 0));
}

export interface ResolveOptions {
  readonly config: Config;
  readonly cache: SharedCache;
  readonly signal: AbortSignal;
  readonly log?: Logger;
  /** Retry schedule of deps.dev requests (tests shorten it). */
  readonly retry?: RetryPolicy;
}

export async function resolveLicenses(extractions: readonly ExtractionResult[], options: ResolveOptions): Promise<LicenseReport> {
  const settings = options.config.DepsDev;
  const client = new DepsDevClient({
    apiUrl: settings.api_url,
    timeoutMs: settings.timeout_s * 1000,
    concurrency: settings.concurrency,
    cache: options.cache,
    cacheTtlMs: settings.cache_ttl_s * 1000,
    retry: options.retry,
    log: options.log,
  });
  const failures = new Map<string, number>();
  // Once the service has failed after its retries, the other lookups are not sent: an unreachable deps.dev
  // would otherwise cost every package its full retry schedule.
  let broken: string | null = null;
  const fail = (message: string): void => {
    failures.set(message, (failures.get(message) ?? 0) + 1);
  };
  const limit = pLimit(Math.max(1, settings.concurrency));
  const packages = await Promise.all(
    distinctPackages(extractions).map((pkg) => limit(async (): Promise<LicensedPackage> => {
      if (pkg.declaredLicense) return { pkg, licenses: [pkg.declaredLicense], source: 'lockfile' };
      if (!settings.enabled || pkg.version === '' || pkg.resolution === 'git' || !depsDevSystem(pkg.ecosystem)) return { pkg, licenses: [], source: null };
      if (broken !== null) {
        fail(broken);
        return { pkg, licenses: [], source: null };
      }
      try {
        const licenses = await client.licenses(pkg, options.signal);
        return licenses && licenses.length > 0 ? { pkg, licenses, source: 'deps.dev' } : { pkg, licenses: [], source: null };
      } catch (err) {
        options.signal.throwIfAborted();
        const message = err instanceof Error ? err.message : String(err);
        if (!(err instanceof ServiceError && err.status !== null)) broken ??= message;
        fail(message);
        return { pkg, licenses: [], source: null };
      }
    })),
  );
  const errors = [...failures].map(([message, count]) => `deps.dev lookup failed for ${count} package${count === 1 ? '' : 's'}: ${message}`);
  if (errors.length > 0) options.log?.warn({ errors }, 'license lookups failed');
  return { packages, errors };
}
