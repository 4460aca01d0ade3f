/** What `ci-checker` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'ci-checker',
  version: 1,
  description: 'Whether the project uses CI: the CI configuration it holds (20 systems) and, with a GitHub token, whether CI ran on its recent merged pull requests (Scorecard CI-Tests).',
  // The files decide alone; GitHub is asked only when [Github] access_key is set.
  requirements: { checkout: 'shallow', network: 'optional' },
};
