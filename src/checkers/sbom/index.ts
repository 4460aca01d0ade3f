/**
 * sbom (new command): a CycloneDX 1.5 JSON SBOM of the repository from its lockfiles — components with
 * purls, versions and licenses (lockfile, then deps.dev, then the package registry), and the dependency
 * graph where the lockfile has one. Upstream had no such command (its SBOM code only looked for SBOM files and was never wired up).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractDependencies } from '../../analysis/dependencies/extract.js';
import { packageRoot } from '../../lib/paths.js';
import { resolveLicenses } from '../../analysis/package-metadata/licenses.js';
import type { Checker, Json } from '../types.js';
import { buildSbom } from './build.js';
import { meta } from './meta.js';

let toolVersion: string | null = null;
function openCheckerVersion(): string {
  toolVersion ??= (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return toolVersion;
}

export const checker: Checker = {
  ...meta,
  async run(ctx) {
    const extractions = await extractDependencies(ctx.repo, ctx.signal);
    const report = await resolveLicenses(extractions, { config: ctx.config, cache: ctx.cache, signal: ctx.signal, log: ctx.log });
    return buildSbom({
      repoName: ctx.repo.name,
      projectUrl: ctx.task.projectUrl,
      version: ctx.task.versionNumber ?? ctx.task.commitHash,
      toolVersion: openCheckerVersion(),
      packages: report.packages,
      extractions,
    }) as { [key: string]: Json };
  },
};
