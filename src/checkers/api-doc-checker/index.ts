/**
 * api-doc-checker: whether the repository's Markdown documentation (root, `doc/`, `docs/`) introduces the use
 * of its API, judged chunk by chunk by an OpenAI-compatible chat model with upstream's prompt
 * (src/checkers/shared/doc-assessment.ts). Output as upstream: a list with the first satisfying document
 * (`["demo/docs/API.md"]`), or `[]`.
 */
import { assessDocumentation } from '../shared/doc-checker.js';
import type { Checker } from '../types.js';
import { meta } from './meta.js';

export const checker: Checker = {
  ...meta,
  run: async (ctx) => {
    const found = await assessDocumentation(ctx, 'api-doc-checker', 'api-doc');
    return found === null ? [] : [found];
  },
};
