/**
 * sast-checker: static analysis run by the repository's workflows (CodeQL, Snyk, Pysa, Qodana, SonarCloud/
 * SonarQube, Semgrep, gosec, Bandit and others) and Sonar configuration (pom.xml `sonar.host.url`,
 * sonar-project.properties). Output keeps upstream's `{"sast_workflows": [{file_path, type, tool_name}],
 * "sonar_configs": [{file_path, type, url, tool_name}]}` and adds `line`, `job`, `uses`, per-file `errors` and
 * `score` (Scorecard's SAST score as far as the files show it: 10 with a tool, else 0).
 */
import { loadWorkflows } from '../../analysis/workflows/load.js';
import type { Checker, Json } from '../types.js';
import { findSastUses, sonarHostUrl } from '../../analysis/scorecard/sast.js';
import { meta } from './meta.js';

const VENDORED = /(^|\/)(node_modules|vendor|third_party)\//;

export const checker: Checker = {
  ...meta,
  async run(ctx): Promise<Json> {
    const workflows = await loadWorkflows(ctx.repo);
    const sastWorkflows = workflows.flatMap(findSastUses).map((use) => ({ ...use, file_path: ctx.repo.displayPath(use.file_path) }));
    const sonarConfigs: Json[] = [];
    for (const file of await ctx.repo.files()) {
      if ((file.lowerName !== 'pom.xml' && file.lowerName !== 'sonar-project.properties') || VENDORED.test(file.path)) continue;
      const url = sonarHostUrl(file.lowerName, await ctx.repo.readText(file.path));
      if (url !== null) sonarConfigs.push({ file_path: ctx.repo.displayPath(file.path), type: 'sonar', url, tool_name: 'sonar' });
    }
    return {
      sast_workflows: sastWorkflows,
      sonar_configs: sonarConfigs,
      errors: workflows.filter((w) => w.error).map((w) => ({ file: ctx.repo.displayPath(w.path), error: w.error })),
      score: sastWorkflows.length > 0 || sonarConfigs.length > 0 ? 10 : 0,
    };
  },
};
