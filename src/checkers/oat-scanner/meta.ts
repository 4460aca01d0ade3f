/** What `oat-scanner` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'oat-scanner',
  version: 1,
  description: 'OpenHarmony OAT audit (license headers, copyright, invalid file types) on the checkout; needs java and the OAT jar.',
  requirements: { checkout: 'shallow', worktree: true, tools: ['java'], config: ['OAT.jar_path'] },
};
