/**
 * scorecard-score: OpenSSF Scorecard's checks run locally on the checkout, each scored 0–10 (or -1 when it
 * cannot decide) by Scorecard's documented rules, and aggregated with Scorecard's risk weights. Output keeps
 * upstream's `{"score": float, "checks": [{"name", "score"}]}` and adds `reason` and `details` per check.
 * Checks that need a platform API run when a GitHub token is configured, otherwise they are listed with -1 and
 * the reason.
 */
import { scorecardChecks } from '../../scorecard/checks.js';
import { runScorecard } from '../../scorecard/run.js';
import type { Checker, Json } from '../types.js';

export const checker: Checker = {
  name: 'scorecard-score',
  version: 1,
  description: 'OpenSSF Scorecard checks computed locally from the repository, with Scorecard\'s scores and risk weights.',
  // The API checks call GitHub only when a token is configured; without one they are listed as -1.
  requirements: { checkout: 'shallow', network: 'optional' },
  async run(ctx): Promise<Json> {
    const result = await runScorecard(ctx, scorecardChecks());
    return { score: result.score, checks: result.checks.map((check) => ({ ...check })) };
  },
};
