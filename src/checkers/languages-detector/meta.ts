/** What `languages-detector` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'languages-detector',
  version: 1,
  description: 'Language breakdown (bytes, percentage, files) in GitHub Linguist --breakdown --json layout.',
  requirements: { checkout: 'shallow' },
  // Reused for the same input (docs/operations.md, "Result cache").
  cache: { input: 'tree' },
};
