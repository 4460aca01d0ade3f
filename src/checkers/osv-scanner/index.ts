/**
 * osv-scanner: known vulnerabilities of the packages pinned in the repository's lockfiles, in OSV-Scanner's
 * `--format json` layout (upstream ran the Go binary). Packages come from the shared dependency extraction;
 * vulnerabilities from the OSV API (`[OSV] api_url`, answers cached across tasks) or, when `[OSV] offline_dir`
 * is set, from local OSV records matched with each ecosystem's version order.
 */
import { extractDependencies } from '../../analysis/dependencies/extract.js';
import { OsvApiClient, queryKey } from '../../analysis/osv/client.js';
import { offlineDatabase } from '../../analysis/osv/offline.js';
import { buildScanReport, collectQueries } from '../../analysis/osv/scan.js';
import type { OsvVulnerability, VulnerabilitySource } from '../../analysis/osv/types.js';
import { CheckerInputError, type CheckContext, type Checker } from '../types.js';
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
    if (queries.length > 0) {
      const source = await vulnerabilitySource(ctx);
      const found = await source.findVulnerabilities(queries, ctx.signal);
      queries.forEach((query, index) => vulnerabilities.set(queryKey(query), found[index] ?? []));
      rejected = source.rejected;
    }
    ctx.log.debug({ lockfiles: extractions.length, packages: queries.length, rejected: rejected?.size ?? 0 }, 'osv-scanner');
    return buildScanReport({ repoName: ctx.repo.name, extractions, vulnerabilities, rejected });
  },
};
