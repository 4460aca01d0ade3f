/**
 * languages-detector: the repository's language breakdown in `github-linguist --breakdown --json` layout:
 * `{"<Language>": {"size": <bytes>, "percentage": "<NN.NN>", "files": ["<path>", ...]}}`, paths relative to
 * the repository root, `{}` when no file counts. Computed natively (src/languages/breakdown.ts) with Linguist's
 * data and rules, including .gitattributes overrides; works on any folder, not only on git repositories.
 */
import { languageBreakdown } from '../../languages/breakdown.js';
import type { Checker } from '../types.js';

export const checker: Checker = {
  name: 'languages-detector',
  version: 1,
  description: 'Language breakdown (bytes, percentage, files) in GitHub Linguist --breakdown --json layout.',
  requirements: { checkout: 'shallow' },
  async run(ctx) {
    return languageBreakdown(ctx.repo, ctx.signal);
  },
};
