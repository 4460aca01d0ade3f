/** What `sast-checker` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'sast-checker',
  version: 2,
  description: 'SAST tools Scorecard recognises (CodeQL, Snyk, Pysa, Qodana, Hadolint actions; Sonar in pom.xml), plus other analysers listed apart (Scorecard SAST).',
  requirements: { checkout: 'shallow' },
  // Reused for the same input (docs/operations.md, "Result cache").
  cache: { input: 'tree' },
};
