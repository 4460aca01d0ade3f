/** What `dependency-reachable-checker` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'dependency-reachable-checker',
  version: 1,
  description: 'Whether every declared dependency can still be fetched from its registry (package and version exist, not yanked, unpublished or withdrawn); with an OIN table configured, the patent-risk share.',
  requirements: { checkout: 'shallow', network: true },
};
