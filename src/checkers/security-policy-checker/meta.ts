/** What `security-policy-checker` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'security-policy-checker',
  version: 1,
  description: 'Security policy file (SECURITY.md) and its content: contacts, disclosure process, Scorecard score.',
  requirements: { checkout: 'shallow' },
};
