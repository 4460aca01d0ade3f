/**
 * languages-detector: the repository's language breakdown in `github-linguist --breakdown --json` layout:
 * `{"<Language>": {"size": <bytes>, "percentage": "<NN.NN>", "files": ["<path>", ...]}}`, paths relative to
 * the repository root, `{}` when no file counts. Computed natively (src/analysis/languages/breakdown.ts) with Linguist's
 * data and rules, including .gitattributes overrides; works on any folder, not only on git repositories.
 */
import { languageBreakdown } from '../../analysis/languages/breakdown.js';
import type { Checker } from '../types.js';
import { meta } from './meta.js';

export const checker: Checker = {
  ...meta,
  async run(ctx) {
    return languageBreakdown(ctx.repo, ctx.signal);
  },
};
