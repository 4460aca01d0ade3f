/** What `ohpm-info` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'ohpm-info',
  version: 1,
  description: 'OHPM package of the repository: downloads, dependency count and dependent count (OHPM m2m API, AK/SK signed).',
  requirements: { checkout: 'none', network: true, config: ['AKSK.access_key', 'AKSK.secret_key'] },
  timeoutMs: 120_000,
};
