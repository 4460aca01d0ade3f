/** What `webhooks-checker` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'webhooks-checker',
  version: 1,
  description: "The repository's webhooks (secrets masked), read with the task's access_token.",
  requirements: { checkout: 'none', network: true },
};
