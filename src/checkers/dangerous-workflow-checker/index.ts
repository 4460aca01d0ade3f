/**
 * dangerous-workflow-checker: untrusted code checkout in privileged workflows and script injection from
 * attacker-controlled contexts (Scorecard's Dangerous-Workflow), in GitHub, GitCode and Gitee workflow folders.
 * Output keeps upstream's shape — one entry per workflow file, `[{"workflow_file", "dangerous_patterns":
 * [{type, file, line, job, snippet, message}]}]` — with real file lines and English messages; a file that
 * does not parse carries `"error"`. No workflows gives `[]`.
 * `dangerous_patterns` holds exactly what Scorecard counts, because OSS Compass scores Dangerous-Workflow from
 * it; the same harms Scorecard does not count (github-script injection, env indirection, a head_ref checkout)
 * are listed in `beyond_scorecard`, same item shape, so they are reported without changing that score.
 */
import { loadWorkflows } from '../../analysis/workflows/load.js';
import type { Checker, Json } from '../types.js';
import { findDangerousPatterns } from '../../analysis/scorecard/dangerous-workflow.js';
import { meta } from './meta.js';

export const checker: Checker = {
  ...meta,
  async run(ctx): Promise<Json> {
    const workflows = await loadWorkflows(ctx.repo);
    return workflows.map((workflow) => {
      const patterns = findDangerousPatterns(workflow).map(({ scorecard, ...item }) => ({ scorecard, item }));
      const entry: { [key: string]: Json } = {
        workflow_file: workflow.path,
        dangerous_patterns: patterns.filter((p) => p.scorecard).map((p) => ({ ...p.item })),
        beyond_scorecard: patterns.filter((p) => !p.scorecard).map((p) => ({ ...p.item })),
      };
      if (workflow.error) entry.error = workflow.error;
      return entry;
    });
  },
};
