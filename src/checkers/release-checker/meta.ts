/** What `release-checker` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'release-checker',
  version: 2,
  description: 'Release notes, SBOMs and signatures of the published releases (platform API and release archives).',
  requirements: { checkout: 'none', network: true },
};
