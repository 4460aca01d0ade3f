/**
 * build-doc-checker: whether the repository's Markdown documentation (root, `doc/`, `docs/`) explains how to
 * compile and package the software, judged chunk by chunk by an OpenAI-compatible chat model with upstream's
 * prompt (src/checkers/shared/doc-assessment.ts). A document linking OpenHarmony's HAR usage guide counts without
 * asking (upstream inverted this: the link made it report nothing). Output as upstream:
 * `{"build-doc-checker": ["demo/README.md"]}`, or `{}`.
 */
import { assessDocumentation } from '../shared/doc-checker.js';
import type { Checker, Json } from '../types.js';
import { meta } from './meta.js';

export const checker: Checker = {
  ...meta,
  run: async (ctx): Promise<Json> => {
    const found = await assessDocumentation(ctx, 'build-doc-checker', 'build-doc');
    return found === null ? {} : { 'build-doc-checker': [found] };
  },
};
