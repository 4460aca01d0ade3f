/** What `build-checker` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'build-checker',
  version: 1,
  description: 'How often CI builds of the default branch succeed: GitHub Actions runs over the last N runs or D days, overall and per workflow.',
  requirements: { checkout: 'none', network: true },
};
