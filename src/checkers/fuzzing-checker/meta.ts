/** What `fuzzing-checker` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'fuzzing-checker',
  version: 1,
  description: 'Fuzzing: ClusterFuzzLite, OSS-Fuzz and fuzz/property tests per language (Scorecard Fuzzing).',
  requirements: { checkout: 'shallow' },
  // Reused for the same input (docs/operations.md, "Result cache").
  cache: { input: 'tree' },
};
