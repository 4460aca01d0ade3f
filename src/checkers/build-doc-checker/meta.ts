/** What `build-doc-checker` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'build-doc-checker',
  version: 1,
  description: 'Whether the Markdown documentation explains building and packaging (OpenAI-compatible chat model, [ChatBot] settings).',
  requirements: { checkout: 'shallow', network: true },
};
