/**
 * scorecard-score: OpenSSF Scorecard's checks run locally on the checkout, each scored 0–10 (or -1 when it
 * cannot decide) by Scorecard's documented rules, and aggregated with Scorecard's risk weights. Output keeps
 * upstream's `{"score": float, "checks": [{"name", "score"}]}` and adds `reason` and `details` per check.
 * Checks that need a platform API run when a GitHub token is configured, otherwise they are listed with -1 and
 * the reason.
 */
import { scorecardChecks } from '../../analysis/scorecard/checks.js';
import { runScorecard } from '../../analysis/scorecard/run.js';
import type { ScorecardInput } from '../../analysis/scorecard/types.js';
import type { Checker, Json } from '../types.js';
import { meta } from './meta.js';

export const checker: Checker = {
  ...meta,
  async run(ctx): Promise<Json> {
    const input: ScorecardInput = { repo: ctx.repo, projectUrl: ctx.task.projectUrl, config: ctx.config, signal: ctx.signal, log: ctx.log, cache: ctx.cache };
    const result = await runScorecard(input, scorecardChecks());
    return { score: result.score, checks: result.checks.map((check) => ({ ...check })) };
  },
};
