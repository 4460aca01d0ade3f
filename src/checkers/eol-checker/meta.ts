/** What `eol-checker` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'eol-checker',
  version: 1,
  description: 'Whether the project is on the end-of-life list, with its EOL releases and date.',
  requirements: { checkout: 'none' },
};
