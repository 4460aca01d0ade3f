/** What `bestpractices-checker` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'bestpractices-checker',
  version: 1,
  description: 'OpenSSF Best Practices badge entry of the project ({} when it has none).',
  requirements: { checkout: 'none', network: true },
  timeoutMs: 120_000,
};
