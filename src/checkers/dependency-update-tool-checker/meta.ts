/** What `dependency-update-tool-checker` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'dependency-update-tool-checker',
  version: 1,
  description: 'Finds Dependabot, Renovate, PyUp and Scala Steward configuration files.',
  requirements: { checkout: 'shallow' },
  // Reused for the same input (docs/operations.md, "Result cache").
  cache: { input: 'tree' },
};
