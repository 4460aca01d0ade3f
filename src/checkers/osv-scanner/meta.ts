/** What `osv-scanner` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'osv-scanner',
  version: 3,
  description: 'Known vulnerabilities of the dependencies in lockfiles and manifests (OSV), in the OSV-Scanner JSON layout.',
  requirements: { checkout: 'shallow', network: true },
  // Reused for the same input (docs/operations.md, "Result cache").
  cache: { input: 'dependency-files', config: ['OSV', 'Registries'], vulnerabilities: true },
};
