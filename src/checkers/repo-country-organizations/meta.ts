/** What `repo-country-organizations` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'repo-country-organizations',
  version: 1,
  description: 'Countries and organizations of the issue creators, pull request creators and stargazers of a GitHub repository (OSS Insight).',
  requirements: { checkout: 'none', network: true },
  timeoutMs: 180_000,
};
