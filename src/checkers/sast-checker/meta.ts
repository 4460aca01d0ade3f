/** What `sast-checker` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'sast-checker',
  version: 1,
  description: 'SAST tools in workflows (CodeQL, Snyk, Semgrep, Sonar, ...) and Sonar configuration (Scorecard SAST).',
  requirements: { checkout: 'shallow' },
};
