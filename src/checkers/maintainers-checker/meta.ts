/** What `maintainers-checker` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'maintainers-checker',
  version: 3,
  description: 'Lists MAINTAINERS, COMMITTERS, OWNERS and CODEOWNERS files anywhere in the repository.',
  requirements: { checkout: 'shallow' },
  // Reused for the same input (docs/operations.md, "Result cache").
  cache: { input: 'tree', config: ['OpenCheck.legacy_text_results'] },
};
