/** What `security-policy-checker` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'security-policy-checker',
  version: 2,
  description: 'Security policy file (SECURITY.md) and its content: contacts, disclosure process, Scorecard score; with a GitHub token, the mean days to close and to fix the project\'s security advisories.',
  // GitHub is asked (security advisories) only when [Github] access_key is set.
  requirements: { checkout: 'shallow', network: 'optional' },
};
