/**
 * scorecard-score: OpenSSF Scorecard's checks run locally on the checkout, each scored 0–10 (or -1 when it
 * cannot decide) by Scorecard's documented rules, and aggregated with Scorecard's risk weights. Output keeps
 * upstream's `{"score": float, "checks": [{"name", "score"}]}` and adds `reason` and `details` per check.
 * Checks that need a platform API are listed with -1 and the reason until they are implemented.
 */
import { scorecardChecks } from '../../scorecard/checks.js';
import { runScorecard } from '../../scorecard/run.js';
import type { Checker, Json } from '../types.js';

export const checker: Checker = {
  name: 'scorecard-score',
  version: 1,
  description: 'OpenSSF Scorecard checks computed locally from the repository, with Scorecard\'s scores and risk weights.',
  requirements: { checkout: 'shallow' },
  async run(ctx): Promise<Json> {
    const result = await runScorecard(ctx, scorecardChecks());
    return { score: result.score, checks: result.checks.map((check) => ({ ...check })) };
  },
};
