/** What `dangerous-workflow-checker` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'dangerous-workflow-checker',
  version: 2,
  description: 'Untrusted checkouts in pull_request_target/workflow_run workflows and script injection (Scorecard Dangerous-Workflow).',
  requirements: { checkout: 'shallow' },
  // Reused for the same input (docs/operations.md, "Result cache").
  cache: { input: 'workflow-files' },
};
