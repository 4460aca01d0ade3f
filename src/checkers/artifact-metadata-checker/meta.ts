/** What `artifact-metadata-checker` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'artifact-metadata-checker',
  version: 1,
  description: 'Alias of build-metadata-checker (the name OSS Compass also reads): the same result.',
  requirements: { checkout: 'shallow', network: true },
};
