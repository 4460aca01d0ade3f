/** What `packaging-checker` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'packaging-checker',
  version: 2,
  description: 'Workflows that publish packages: npm, PyPI, Maven, Gradle, Docker, GoReleaser, Cargo, ... (Scorecard Packaging).',
  requirements: { checkout: 'shallow' },
  // Reused for the same input (docs/operations.md, "Result cache").
  cache: { input: 'tree' },
};
