/**
 * api-doc-checker: whether the repository's Markdown documentation (root, `doc/`, `docs/`) introduces the use
 * of its API, judged chunk by chunk by an OpenAI-compatible chat model with upstream's prompt
 * (src/services/doc-assessment.ts). Output as upstream: a list with the first satisfying document
 * (`["demo/docs/API.md"]`), or `[]`.
 */
import { assessDocumentation } from '../../services/doc-checker.js';
import type { Checker } from '../types.js';

export const checker: Checker = {
  name: 'api-doc-checker',
  version: 1,
  description: 'Whether the Markdown documentation introduces the API (OpenAI-compatible chat model, [ChatBot] settings).',
  requirements: { checkout: 'shallow', network: true },
  run: async (ctx) => {
    const found = await assessDocumentation(ctx, 'api-doc-checker', 'api-doc');
    return found === null ? [] : [found];
  },
};
