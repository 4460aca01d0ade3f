/** What `pinned-dependencies-checker` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'pinned-dependencies-checker',
  version: 2,
  description: 'Actions, container images, packages and install commands not pinned by hash (Scorecard Pinned-Dependencies).',
  requirements: { checkout: 'shallow' },
  // Reused for the same input (docs/operations.md, "Result cache").
  cache: { input: 'tree' },
};
