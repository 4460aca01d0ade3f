/**
 * api-doc-checker: whether the repository's Markdown documentation (root, `doc/`, `docs/`) introduces the use
 * of its API, judged chunk by chunk by an OpenAI-compatible chat model with upstream's prompt
 * (src/checkers/shared/doc-assessment.ts). Output `{"api-doc-checker": ["demo/docs/API.md"]}` (or an empty
 * list): OSS Compass's v2 `ecology_interface_doc` turns the result into a dict and reads that key, so
 * upstream's bare list made it crash. `[OpenCheck] legacy_text_results = true` brings the bare list back.
 */
import { assessDocumentation } from '../shared/doc-checker.js';
import type { Checker } from '../types.js';
import { meta } from './meta.js';

export const checker: Checker = {
  ...meta,
  run: async (ctx) => {
    const found = await assessDocumentation(ctx, 'api-doc-checker', 'api-doc');
    const paths = found === null ? [] : [found];
    return ctx.config.OpenCheck.legacy_text_results ? paths : { 'api-doc-checker': paths };
  },
};
