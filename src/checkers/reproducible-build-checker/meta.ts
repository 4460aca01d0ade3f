/** What `reproducible-build-checker` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'reproducible-build-checker',
  version: 1,
  description: 'Whether users can check the released artifacts: published checksums downloaded and compared, and reproducible-build signals in the repository (SOURCE_DATE_EPOCH, -trimpath, declarations, pinned toolchains).',
  requirements: { checkout: 'shallow', network: true },
};
