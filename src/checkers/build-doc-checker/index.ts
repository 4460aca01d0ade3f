/**
 * build-doc-checker: whether the repository's Markdown documentation (root, `doc/`, `docs/`) explains how to
 * compile and package the software, judged chunk by chunk by an OpenAI-compatible chat model with upstream's
 * prompt (src/services/doc-assessment.ts). A document linking OpenHarmony's HAR usage guide counts without
 * asking (upstream inverted this: the link made it report nothing). Output as upstream:
 * `{"build-doc-checker": ["demo/README.md"]}`, or `{}`.
 */
import { assessDocumentation } from '../../services/doc-checker.js';
import type { Checker, Json } from '../types.js';

export const checker: Checker = {
  name: 'build-doc-checker',
  version: 1,
  description: 'Whether the Markdown documentation explains building and packaging (OpenAI-compatible chat model, [ChatBot] settings).',
  requirements: { checkout: 'shallow', network: true },
  run: async (ctx): Promise<Json> => {
    const found = await assessDocumentation(ctx, 'build-doc-checker', 'build-doc');
    return found === null ? {} : { 'build-doc-checker': [found] };
  },
};
