/**
 * code-count: lines of code as upstream's `cloc <dir> --json` counts them. Keeps upstream's
 * `{"code_count": N}` (cloc's SUM.code) and adds `code_count_by_language`: per cloc language name,
 * `{"files", "blank", "comment", "code"}`, sorted by code lines. Counted natively (src/languages/code-count.ts).
 */
import { codeCount } from '../../languages/code-count.js';
import type { Checker, Json } from '../types.js';

export const checker: Checker = {
  name: 'code-count',
  version: 1,
  description: 'Lines of code (cloc-compatible), in total and per language with files, blank and comment lines.',
  requirements: { checkout: 'shallow' },
  async run(ctx) {
    const counts = await codeCount(ctx.repo, ctx.signal);
    return { code_count: counts.total.code, code_count_by_language: counts.languages as unknown as Json };
  },
};
