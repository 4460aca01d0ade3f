/**
 * code-count: lines of code as upstream's `cloc <dir> --json` counts them. Keeps upstream's
 * `{"code_count": N}` (cloc's SUM.code) and adds `code_count_by_language`: per cloc language name,
 * `{"files", "blank", "comment", "code"}`, sorted by code lines. Counted natively (src/analysis/languages/code-count.ts).
 */
import { codeCount } from '../../analysis/languages/code-count.js';
import type { Checker, Json } from '../types.js';
import { meta } from './meta.js';

export const checker: Checker = {
  ...meta,
  async run(ctx) {
    const counts = await codeCount(ctx.repo, ctx.signal);
    return { code_count: counts.total.code, code_count_by_language: counts.languages as unknown as Json };
  },
};
