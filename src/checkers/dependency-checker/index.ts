/**
 * dependency-checker: every dependency of the repository as a package URL, split by whether a license was
 * found. Upstream ran ORT (which installs and resolves with each package manager) and cloned dependencies to
 * run licensee on them; here packages come from the lockfiles (shared dependency extraction), licenses from
 * the lockfiles first, deps.dev (`[DepsDev] api_url`) after, and the package's own registry (`[Registries]`,
 * `[Npm] registry_url`) when deps.dev gave nothing, all cached across tasks. Nothing is installed, executed
 * or cloned.
 */
import { extractDependencies } from '../../analysis/dependencies/extract.js';
import { resolveLicenses } from '../../analysis/package-metadata/licenses.js';
import type { Checker } from '../types.js';
import { dependencyResult } from './evaluate.js';
import { meta } from './meta.js';

export const checker: Checker = {
  ...meta,
  async run(ctx) {
    const extractions = await extractDependencies(ctx.repo, ctx.signal);
    const report = await resolveLicenses(extractions, { config: ctx.config, cache: ctx.cache, signal: ctx.signal, log: ctx.log });
    const problems = extractions.filter((extraction) => extraction.error).map((extraction) => `${ctx.repo.name}/${extraction.error ?? extraction.file}`);
    return dependencyResult(report, problems);
  },
};
