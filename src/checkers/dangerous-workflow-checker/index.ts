/**
 * dangerous-workflow-checker: untrusted code checkout in privileged workflows and script injection from
 * attacker-controlled contexts (Scorecard's Dangerous-Workflow), in GitHub, GitCode and Gitee workflow folders.
 * Output keeps upstream's shape — one entry per workflow file, `[{"workflow_file", "dangerous_patterns":
 * [{type, file, line, job, snippet, message}]}]` — with real file lines and English messages; a file that
 * does not parse carries `"error"`. No workflows gives `[]`.
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
      const entry: { [key: string]: Json } = {
        workflow_file: workflow.path,
        dangerous_patterns: findDangerousPatterns(workflow).map((pattern) => ({ ...pattern })),
      };
      if (workflow.error) entry.error = workflow.error;
      return entry;
    });
  },
};
