/** What `scorecard-score` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'scorecard-score',
  version: 3,
  description: 'OpenSSF Scorecard checks computed locally from the repository, with Scorecard\'s scores and risk weights.',
  // The API checks call GitHub only when a token is configured; without one they are listed as -1.
  requirements: { checkout: 'shallow', network: 'optional' },
};
