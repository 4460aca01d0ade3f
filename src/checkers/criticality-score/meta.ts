/** What `criticality-score` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'criticality-score',
  version: 1,
  description: 'OpenSSF criticality score (0..1) of a GitHub repository, with its ten signals, from the GitHub API.',
  requirements: { checkout: 'none', network: true },
};
