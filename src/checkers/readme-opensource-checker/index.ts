/**
 * readme-opensource-checker: the root README.OpenSource must be a JSON array of component records with the
 * keys OpenHarmony requires. Success is `{"readme-opensource-checker": true}`; every failure is an error with
 * one of upstream's three messages.
 */
import { CheckerInputError, type Checker } from '../types.js';
import { evaluateReadmeOpenSource, MESSAGES, pickManifest, README_OPENSOURCE } from './evaluate.js';
import { meta } from './meta.js';

export const checker: Checker = {
  ...meta,
  async run(ctx) {
    // lookup() of a name without "/" only returns files at the root; it matches case-insensitively.
    const path = pickManifest((await ctx.repo.lookup(README_OPENSOURCE)).map((file) => file.path));
    if (!path) throw new CheckerInputError(MESSAGES.missing);
    const verdict = evaluateReadmeOpenSource(await ctx.repo.readText(path));
    if (!verdict.ok) throw new CheckerInputError(verdict.message);
    return { 'readme-opensource-checker': true };
  },
};
