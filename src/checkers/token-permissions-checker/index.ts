/**
 * token-permissions-checker: the GITHUB_TOKEN permissions each workflow declares, at the top level and per
 * job, with real line numbers and OpenSSF Scorecard v5's level for each. Output keeps upstream's shape
 * `{"num_workflows": N, "token_permissions": [{file_path, location_type, name, value, permission_level,
 * line_number, job_name?}]}` and adds `score` (Scorecard's Token-Permissions score, 0–10; -1 when Scorecard's
 * check cannot score: no workflows, or a workflow that is not valid YAML).
 */
import { loadWorkflows } from '../../analysis/workflows/load.js';
import type { Checker, Json } from '../types.js';
import { evaluateTokenPermissions, permissionFacts } from '../../analysis/scorecard/token-permissions.js';
import { meta } from './meta.js';

export const checker: Checker = {
  ...meta,
  async run(ctx): Promise<Json> {
    const workflows = await loadWorkflows(ctx.repo);
    const facts = workflows.map(permissionFacts);
    return {
      num_workflows: workflows.length,
      // Compass's Scorecard model reads the location as `locatio_type` (its spelling); the contract's
      // `location_type` stays beside it with the same value.
      token_permissions: facts.flatMap((workflow) => workflow.entries.map((entry) => ({ ...entry, locatio_type: entry.location_type }))),
      score: evaluateTokenPermissions(facts).score,
    };
  },
};
