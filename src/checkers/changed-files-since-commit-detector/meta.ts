/** What `changed-files-since-commit-detector` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'changed-files-since-commit-detector',
  version: 1,
  description: 'Lists files added, renamed, deleted and modified between commit_hash and the checked-out version.',
  requirements: { checkout: 'full', commitHash: true, tools: ['git'] },
};
