/** What `readme-opensource-checker` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'readme-opensource-checker',
  version: 1,
  description: 'Checks that the root README.OpenSource is a JSON array of complete open-source component records.',
  requirements: { checkout: 'shallow' },
  // Reused for the same input (docs/operations.md, "Result cache").
  cache: { input: 'tree' },
};
