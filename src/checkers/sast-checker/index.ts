/**
 * sast-checker: the SAST tools OpenSSF Scorecard's SAST check recognises (workflow steps using CodeQL, Snyk,
 * Pysa, Qodana or Hadolint actions; a pom.xml naming a `sonar.host.url`). Output keeps upstream's
 * `{"sast_workflows": [{file_path, type, tool_name}], "sonar_configs": [{file_path, type, url, tool_name}]}`
 * and adds `line`, `job`, `uses`, `other_tools` (analysers Scorecard does not count: Semgrep, gosec, ...),
 * per-file `errors` and `score` (Scorecard's SAST score as far as the files show it: 10 with a tool, else 0).
 */
import type { Checker, Json } from '../types.js';
import { findSast, sastConfigured } from '../../analysis/scorecard/sast.js';
import { meta } from './meta.js';

export const checker: Checker = {
  ...meta,
  async run(ctx): Promise<Json> {
    const facts = await findSast(ctx.repo);
    const display = (path: string): string => ctx.repo.displayPath(path);
    return {
      sast_workflows: facts.workflowUses.map((use) => ({ ...use, file_path: display(use.file_path) })),
      sonar_configs: facts.sonarConfigs.map((config) => ({ file_path: display(config.file_path), type: 'sonar', url: config.url, tool_name: 'sonar', line: config.line })),
      other_tools: [
        ...facts.otherUses.map((use) => ({ ...use, file_path: display(use.file_path) })),
        ...facts.otherFiles.map((file) => ({ ...file, file_path: display(file.file_path) })),
      ],
      errors: facts.workflowErrors.map((entry) => ({ file: display(entry.path), error: entry.error })),
      score: sastConfigured(facts) ? 10 : 0,
    };
  },
};
