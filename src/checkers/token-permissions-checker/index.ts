/**
 * token-permissions-checker: the GITHUB_TOKEN permissions each workflow declares, at the top level and per
 * job, with real line numbers. Output keeps upstream's shape `{"num_workflows": N, "token_permissions":
 * [{file_path, location_type, name, value, permission_level, line_number, job_name?}]}` and adds `score`
 * (Scorecard's Token-Permissions policy, 0–10; -1 without workflows).
 */
import { loadWorkflows } from '../../analysis/workflows/load.js';
import type { Checker, Json } from '../types.js';
import { ignoredByWorkflow, permissionEntries, tokenPermissionsScore } from '../../analysis/scorecard/token-permissions.js';
import { meta } from './meta.js';

export const checker: Checker = {
  ...meta,
  async run(ctx): Promise<Json> {
    const workflows = await loadWorkflows(ctx.repo);
    const entries = workflows.flatMap(permissionEntries);
    return {
      num_workflows: workflows.length,
      token_permissions: entries.map((entry) => ({ ...entry })),
      score: workflows.length === 0 ? -1 : tokenPermissionsScore(entries, ignoredByWorkflow(workflows)),
    };
  },
};
