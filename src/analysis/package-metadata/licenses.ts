/**
 * The licenses of a repository's dependencies: what the lockfile itself declares first (npm, composer and
 * renv locks carry `license`), then deps.dev for the ecosystems it covers, then the package's own registry
 * (registries/) when deps.dev gave nothing — the only source for Packagist, Pub, Hex and CRAN packages.
 * Never downloads or clones a dependency (upstream cloned each GitHub-hosted dependency to run licensee on it).
 */
import pLimit from 'p-limit';
import type { Config } from '../../config/schema.js';
import type { ExtractionResult, PackageRecord } from '../dependencies/types.js';
import type { Logger } from '../../lib/log.js';
import type { SharedCache } from '../../lib/shared-cache.js';
import { DepsDevClient, depsDevSystem } from './deps-dev.js';
import { PlatformError } from '../../platforms/errors.js';
import type { RetryPolicy } from './http-json.js';
import { RegistryLicenses, isRegistryDown, registryFor } from './registries/index.js';

/** `registry`: the package's own registry (npm, PyPI, crates.io, Packagist, pub.dev, hex.pm, RubyGems, NuGet, Maven, CRAN). */
export type LicenseSource = 'lockfile' | 'deps.dev' | 'registry';

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
  /** Retry schedule of deps.dev and registry requests (tests shorten it). */
  readonly retry?: RetryPolicy;
}

/** Counts failures by message, and remembers services that failed in a way every other lookup would too. */
class Failures {
  private readonly counts = new Map<string, number>();
  /** Service name -> the failure that stopped it. */
  private readonly down = new Map<string, string>();

  isDown(service: string): boolean {
    return this.down.has(service);
  }

  /** A lookup skipped because its service is down: counted under the failure that stopped the service. */
  skipped(service: string): void {
    this.count(service, this.down.get(service) ?? '');
  }

  failed(service: string, message: string, serviceDown: boolean): void {
    if (serviceDown && !this.down.has(service)) this.down.set(service, message);
    this.count(service, message);
  }

  messages(): string[] {
    return [...this.counts].map(([key, count]) => {
      const [service, message] = key.split('\u0000') as [string, string];
      return `${service} lookup failed for ${count} package${count === 1 ? '' : 's'}: ${message}`;
    });
  }

  private count(service: string, message: string): void {
    const key = `${service}\u0000${message}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export async function resolveLicenses(extractions: readonly ExtractionResult[], options: ResolveOptions): Promise<LicenseReport> {
  const settings = options.config.DepsDev;
  const depsDev = new DepsDevClient({
    apiUrl: settings.api_url,
    timeoutMs: settings.timeout_s * 1000,
    concurrency: settings.concurrency,
    cache: options.cache,
    cacheTtlMs: settings.cache_ttl_s * 1000,
    retry: options.retry,
    log: options.log,
  });
  const registries = options.config.Registries.enabled
    ? new RegistryLicenses({
        config: options.config,
        cache: options.cache,
        log: options.log,
        retry: options.retry ? { maxRetries: options.retry.attempts - 1, retryBaseMs: options.retry.initialDelayMs } : undefined,
      })
    : null;
  // Once a service has failed after its retries, its other lookups are not sent: an unreachable service
  // would otherwise cost every package its full retry schedule.
  const failures = new Failures();

  const fromDepsDev = async (pkg: PackageRecord): Promise<readonly string[] | null> => {
    if (!settings.enabled || !depsDevSystem(pkg.ecosystem)) return null;
    if (failures.isDown('deps.dev')) {
      failures.skipped('deps.dev');
      return null;
    }
    try {
      return await depsDev.licenses(pkg, options.signal);
    } catch (err) {
      options.signal.throwIfAborted();
      failures.failed('deps.dev', messageOf(err), !(err instanceof PlatformError && err.status !== null));
      return null;
    }
  };

  const fromRegistry = async (pkg: PackageRecord): Promise<readonly string[] | null> => {
    const registry = registryFor(pkg.ecosystem);
    if (!registries || !registry) return null;
    if (failures.isDown(registry.service)) {
      failures.skipped(registry.service);
      return null;
    }
    try {
      return await registries.licenses(pkg, options.signal);
    } catch (err) {
      options.signal.throwIfAborted();
      failures.failed(registry.service, messageOf(err), isRegistryDown(err));
      return null;
    }
  };

  const limit = pLimit(Math.max(1, settings.concurrency, options.config.Registries.concurrency));
  const packages = await Promise.all(
    distinctPackages(extractions).map((pkg) => limit(async (): Promise<LicensedPackage> => {
      if (pkg.declaredLicense) return { pkg, licenses: [pkg.declaredLicense], source: 'lockfile' };
      if (pkg.version === '' || pkg.resolution === 'git') return { pkg, licenses: [], source: null };
      const depsDevLicenses = await fromDepsDev(pkg);
      if (depsDevLicenses && depsDevLicenses.length > 0) return { pkg, licenses: depsDevLicenses, source: 'deps.dev' };
      const registryLicenses = await fromRegistry(pkg);
      if (registryLicenses && registryLicenses.length > 0) return { pkg, licenses: registryLicenses, source: 'registry' };
      return { pkg, licenses: [], source: null };
    })),
  );
  const errors = failures.messages();
  if (errors.length > 0) options.log?.warn({ errors }, 'license lookups failed');
  return { packages, errors };
}
