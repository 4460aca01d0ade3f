/** What `dependency-checker` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'dependency-checker',
  version: 2,
  description: 'Dependencies as package URLs, split by whether a license was detected (lockfiles, then deps.dev, then the package registries).',
  requirements: { checkout: 'shallow', network: true },
};
