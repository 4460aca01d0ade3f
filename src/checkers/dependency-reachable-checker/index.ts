/**
 * dependency-reachable-checker: can every declared dependency still be fetched from its registry? The
 * dependencies come from the lockfiles and manifests (the extraction dependency-checker and osv-scanner share);
 * each exact version from a registry is asked of that registry (src/analysis/package-metadata/reachability.ts).
 * The fields are those OSS Compass's v2 `dependency_reachable` reads (`unreachable`, else
 * `unreachable_dependencies`) and, only when an Open Invention Network table is configured, `oin_risk`
 * (`patent_risk_oin`).
 */
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { extractDependencies } from '../../analysis/dependencies/extract.js';
import type { PackageRecord } from '../../analysis/dependencies/types.js';
import { RegistryReachability, reachabilitySupported } from '../../analysis/package-metadata/reachability.js';
import { PlatformError } from '../../platforms/errors.js';
import { CheckerInputError, type CheckContext, type Checker, type Json } from '../types.js';
import { oinRisk, parseOinTable, type OinTable } from './oin.js';
import { meta } from './meta.js';

/** Versions asked per task at most (each is one or two requests). */
export const MAX_CHECKED = 2000;

/**
 * Manifests whose extractor gives a range's lowest version as the version (`flask>=2` → `2`, as OSV-Scanner
 * reads it): only lines that pin (`==`, `===`) name a version to fetch.
 */
const RANGED_MANIFESTS = new Set(['requirements-txt']);
const isPinnedLine = (line: string | undefined): boolean => line !== undefined && /===?/.test(line.replace(/#.*$/, ''));

export const checker: Checker = {
  ...meta,
  async run(ctx): Promise<Json> {
    if (!ctx.config.Registries.enabled) throw new CheckerInputError('the package registries are switched off ([Registries] enabled = false): dependency-reachable-checker asks them');
    const table = await loadOinTable(ctx);
    const extractions = await extractDependencies(ctx.repo, ctx.signal);
    const skipped: Record<string, number> = {};
    const skip = (why: string): void => {
      skipped[why] = (skipped[why] ?? 0) + 1;
    };
    const all = new Map<string, PackageRecord>();
    const toCheck: PackageRecord[] = [];
    for (const extraction of extractions) {
      const ranged = RANGED_MANIFESTS.has(extraction.extractor) ? await ctx.repo.readText(extraction.file).then((text) => text.split(/\r?\n/)) : null;
      for (const pkg of extraction.packages) {
        if (all.has(pkg.purl)) continue;
        all.set(pkg.purl, pkg);
        if (pkg.resolution && pkg.resolution !== 'registry') skip(pkg.resolution);
        else if (pkg.ecosystem === 'Go' && pkg.name === 'stdlib') skip('go_toolchain');
        else if (!pkg.version || (ranged && !isPinnedLine(ranged[(pkg.line ?? 0) - 1]))) skip('no_exact_version');
        else if (!reachabilitySupported(pkg.ecosystem)) skip(`ecosystem_${pkg.ecosystem}`);
        else toCheck.push(pkg);
      }
    }
    const asked = toCheck.slice(0, MAX_CHECKED);
    const reach = new RegistryReachability({ config: ctx.config, cache: ctx.cache, log: ctx.log });
    const answers = await Promise.all(
      asked.map(async (pkg) => {
        try {
          return { pkg, answer: await reach.check(pkg.ecosystem, pkg.name, pkg.version, ctx.signal) };
        } catch (err) {
          if (err instanceof PlatformError) return { pkg, error: err.message };
          throw err;
        }
      }),
    );
    const unreachable: Json[] = [];
    const unknown: Json[] = [];
    let reachable = 0;
    for (const entry of answers) {
      if ('error' in entry) unknown.push({ purl: entry.pkg.purl, reason: entry.error ?? '' });
      else if (entry.answer.status === 'ok') reachable++;
      else unreachable.push({ purl: entry.pkg.purl, reason: entry.answer.status, detail: entry.answer.detail, source_file: ctx.repo.displayPath(entry.pkg.sourceFile) });
    }
    if (asked.length > 0 && reachable + unreachable.length === 0) {
      // Every registry failed: an empty list would read as "all reachable".
      throw new PlatformError('network', `no dependency could be checked: ${(unknown[0] as { reason: string }).reason}`);
    }
    const result: { [key: string]: Json } = {
      unreachable_dependencies: unreachable,
      unreachable,
      checked: reachable + unreachable.length,
      reachable,
      unknown,
      skipped,
    };
    if (toCheck.length > asked.length) result.not_checked = toCheck.length - asked.length;
    const problems = extractions.filter((extraction) => extraction.error).map((extraction) => `${ctx.repo.name}/${extraction.error ?? extraction.file}`);
    if (problems.length > 0) result.errors = problems;
    if (table) result.oin_risk = oinRisk(table, [...all.values()].filter((pkg) => pkg.resolution !== 'local'));
    return result;
  },
};

async function loadOinTable(ctx: CheckContext): Promise<OinTable | null> {
  const configured = ctx.config.SupplyChain.oin_table_path.trim();
  if (!configured) return null;
  const path = resolve(ctx.configDir, configured);
  try {
    return parseOinTable(basename(path), await readFile(path, 'utf8'));
  } catch (err) {
    throw new CheckerInputError(`[SupplyChain] oin_table_path: cannot use ${basename(path)}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
