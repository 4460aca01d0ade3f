/** What `token-permissions-checker` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'token-permissions-checker',
  version: 2,
  description: 'GITHUB_TOKEN permissions declared by workflows, top level and per job (Scorecard Token-Permissions).',
  requirements: { checkout: 'shallow' },
  // Reused for the same input (docs/operations.md, "Result cache").
  cache: { input: 'workflow-files' },
};
