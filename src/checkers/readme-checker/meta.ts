/** What `readme-checker` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'readme-checker',
  version: 3,
  description: 'Lists README files anywhere in the repository (case-insensitive).',
  requirements: { checkout: 'shallow' },
  // Reused for the same input (docs/operations.md, "Result cache").
  cache: { input: 'tree', config: ['OpenCheck.legacy_text_results'] },
};
