/** What `lifecycle-doc-checker` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'lifecycle-doc-checker',
  version: 1,
  description: 'Whether the project states its lifecycle: end-of-life dates, supported-versions tables, LTS and maintenance policy (English and Chinese).',
  requirements: { checkout: 'shallow' },
  // Reused for the same input (docs/operations.md, "Result cache").
  cache: { input: 'tree' },
};
