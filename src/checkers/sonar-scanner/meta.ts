/** What `sonar-scanner` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'sonar-scanner',
  version: 1,
  description: 'SonarQube analysis of the repository and its measures (coverage, complexity, duplication, ratings).',
  requirements: { checkout: 'shallow', worktree: true, network: true, config: ['SonarQube.host', 'SonarQube.token'] },
  // The real limits are [SonarQube] scan_timeout_s (the scan) and report_max_wait_time_s (processing); this
  // only bounds the whole command in case both are set very high.
  timeoutMs: 6 * 3600_000,
};
