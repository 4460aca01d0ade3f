/** What `build-metadata-checker` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'build-metadata-checker',
  version: 1,
  description: 'Whether released artifacts carry build metadata: provenance, SBOMs, checksums and signatures in the latest releases, or a package manifest naming the source repository and the build.',
  requirements: { checkout: 'shallow', network: true },
};
