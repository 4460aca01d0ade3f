/** What `sbom` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'sbom',
  version: 2,
  description: 'A CycloneDX 1.5 JSON SBOM of the repository: dependencies from its lockfiles with purls, licenses and the dependency graph.',
  requirements: { checkout: 'shallow', network: true },
};
