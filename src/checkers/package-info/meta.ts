/** What `package-info` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'package-info',
  version: 1,
  description: 'npm package of the repository: description, home page, dependency count of the latest release, last month\'s downloads.',
  requirements: { checkout: 'none', network: true },
  timeoutMs: 120_000,
};
