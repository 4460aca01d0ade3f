/**
 * sast-checker: static analysis run by the repository's workflows (CodeQL, Snyk, Pysa, Qodana, SonarCloud/
 * SonarQube, Semgrep, gosec, Bandit and others) and Sonar configuration (pom.xml `sonar.host.url`,
 * sonar-project.properties). Output keeps upstream's `{"sast_workflows": [{file_path, type, tool_name}],
 * "sonar_configs": [{file_path, type, url, tool_name}]}` and adds `line`, `job`, `uses`, per-file `errors` and
 * `score` (Scorecard's SAST score as far as the files show it: 10 with a tool, else 0).
 */
import type { Checker, Json } from '../types.js';
import { findSast } from '../../analysis/scorecard/sast.js';
import { meta } from './meta.js';

export const checker: Checker = {
  ...meta,
  async run(ctx): Promise<Json> {
    const { workflowUses, sonarConfigs, workflowErrors } = await findSast(ctx.repo);
    return {
      sast_workflows: workflowUses.map((use) => ({ ...use, file_path: ctx.repo.displayPath(use.file_path) })),
      sonar_configs: sonarConfigs.map((config) => ({ file_path: ctx.repo.displayPath(config.file_path), type: 'sonar', url: config.url, tool_name: 'sonar' })),
      errors: workflowErrors.map((entry) => ({ file: ctx.repo.displayPath(entry.path), error: entry.error })),
      score: workflowUses.length > 0 || sonarConfigs.length > 0 ? 10 : 0,
    };
  },
};
