/** What `api-doc-checker` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'api-doc-checker',
  version: 2,
  description: 'Whether the Markdown documentation introduces the API (OpenAI-compatible chat model, [ChatBot] settings).',
  requirements: { checkout: 'shallow', network: true },
};
