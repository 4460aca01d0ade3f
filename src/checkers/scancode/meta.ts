/** What `scancode` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'scancode',
  version: 3,
  description: 'License and copyright detection in every file, in the ScanCode Toolkit JSON layout.',
  requirements: { checkout: 'shallow' },
  // Reused for the same input (docs/operations.md, "Result cache").
  cache: { input: 'tree' },
};
