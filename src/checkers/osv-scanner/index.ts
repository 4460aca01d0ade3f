/**
 * osv-scanner: known vulnerabilities of the packages pinned in the repository's lockfiles, in OSV-Scanner's
 * `--format json` layout (upstream ran the Go binary). Packages come from the shared dependency extraction;
 * vulnerabilities from the OSV API (`[OSV] api_url`, answers cached across tasks) or, when `[OSV] offline_dir`
 * is set, from local OSV records matched with each ecosystem's version order.
 */
import { extractDependencies } from '../../analysis/dependencies/extract.js';
import { fixTimes, meanDays, projectPackages, type FixTime } from '../../analysis/osv/fix-time.js';
import { RegistryReachability } from '../../analysis/package-metadata/reachability.js';
import { PlatformError } from '../../platforms/errors.js';
import { OsvApiClient, queryKey } from '../../analysis/osv/client.js';
import { offlineDatabase } from '../../analysis/osv/offline.js';
import { buildScanReport, collectQueries } from '../../analysis/osv/scan.js';
import type { OsvVulnerability, VulnerabilitySource } from '../../analysis/osv/types.js';
import { CheckerInputError, type CheckContext, type Checker, type Json } from '../types.js';
import { meta } from './meta.js';

async function vulnerabilitySource(ctx: CheckContext): Promise<VulnerabilitySource> {
  const osv = ctx.config.OSV;
  if (osv.offline_dir.trim() !== '') {
    try {
      return await offlineDatabase(osv.offline_dir, ctx.signal, ctx.log);
    } catch (err) {
      if (ctx.signal.aborted) throw err;
      throw new CheckerInputError(`${err instanceof Error ? err.message : String(err)}: fix [OSV] offline_dir or empty it to use the API`);
    }
  }
  return new OsvApiClient({
    apiUrl: osv.api_url,
    timeoutMs: osv.timeout_s * 1000,
    concurrency: osv.concurrency,
    cache: ctx.cache,
    cacheTtlMs: osv.cache_ttl_s * 1000,
    log: ctx.log,
  });
}

export const checker: Checker = {
  ...meta,
  async run(ctx) {
    const extractions = await extractDependencies(ctx.repo, ctx.signal);
    const queries = collectQueries(extractions);
    const vulnerabilities = new Map<string, OsvVulnerability[]>();
    let rejected: ReadonlyMap<string, string> | undefined;
    let opened: Promise<VulnerabilitySource> | null = null;
    const openSource = (): Promise<VulnerabilitySource> => (opened ??= vulnerabilitySource(ctx));
    if (queries.length > 0) {
      const source = await openSource();
      const found = await source.findVulnerabilities(queries, ctx.signal);
      queries.forEach((query, index) => vulnerabilities.set(queryKey(query), found[index] ?? []));
      rejected = source.rejected;
    }
    ctx.log.debug({ lockfiles: extractions.length, packages: queries.length, rejected: rejected?.size ?? 0 }, 'osv-scanner');
    const report = buildScanReport({ repoName: ctx.repo.name, extractions, vulnerabilities, rejected });
    return { ...report, ...(await ownFixTimes(ctx, openSource)) };
  },
};

/**
 * `avg_vulnerability_fix_days` (OSS Compass v2 reads it here first): the mean days from the publication of an
 * OSV record of the project's own package to the release of its first fixed version (src/analysis/osv/fix-time.ts).
 * Null with `avg_vulnerability_fix_reason` when nothing can be measured; never a failure of the scan.
 */
async function ownFixTimes(ctx: CheckContext, openSource: () => Promise<VulnerabilitySource>): Promise<{ [key: string]: Json }> {
  const none = (reason: string, extra: { [key: string]: Json } = {}): { [key: string]: Json } => ({ avg_vulnerability_fix_days: null, avg_vulnerability_fix_reason: reason, ...extra });
  const packages = await projectPackages(ctx.repo);
  if (packages.length === 0) return none('no root manifest names a package of this project (package.json, Cargo.toml, pyproject.toml, go.mod, composer.json, pom.xml)');
  const named = packages.map((pkg) => `${pkg.ecosystem}:${pkg.name}`);
  const source = await openSource();
  if (!source.packageRecords) return none('the vulnerability source cannot list a package\'s records', { project_packages: named });
  const registry = ctx.config.Registries.enabled ? new RegistryReachability({ config: ctx.config, cache: ctx.cache, log: ctx.log }) : null;
  const measured: FixTime[] = [];
  const unmeasured: { id: string; reason: string }[] = [];
  try {
    for (const pkg of packages) {
      const records = await source.packageRecords(pkg.ecosystem, pkg.name, ctx.signal);
      const dateOf = async (version: string): Promise<string | null> => {
        if (!registry) return null;
        try {
          return await registry.publishedAt(pkg.ecosystem, pkg.name, version, ctx.signal);
        } catch (err) {
          if (err instanceof PlatformError) return null;
          throw err;
        }
      };
      const times = await fixTimes(pkg, records, dateOf);
      measured.push(...times.measured);
      unmeasured.push(...times.unmeasured);
    }
  } catch (err) {
    if (err instanceof PlatformError) return none(`OSV: ${err.message}`, { project_packages: named });
    throw err;
  }
  const evidence: { [key: string]: Json } = { project_packages: named, vulnerability_fix_times: measured.map((time) => ({ ...time })) };
  if (unmeasured.length > 0) evidence.vulnerability_fix_unmeasured = unmeasured;
  const mean = meanDays(measured.map((time) => time.days));
  if (mean !== null) return { avg_vulnerability_fix_days: mean, ...evidence };
  const why = unmeasured.length === 0 ? `OSV has no record of ${named.join(', ')}` : registry ? 'no record of the project has a dated fixed version' : 'the package registries are switched off ([Registries] enabled = false): fixed versions cannot be dated';
  return none(why, evidence);
}
