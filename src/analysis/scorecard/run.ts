/** Runs the Scorecard checks for one task and aggregates them the way Scorecard does. */
import { aggregateScore } from './aggregate.js';
import type { ScorecardCheck, ScorecardInput } from './types.js';

export interface ScorecardResult {
  score: number;
  checks: { name: string; score: number; reason: string; details: string[] }[];
}

/**
 * One failing check does not stop the others: it scores -1 with the error as its reason (Scorecard's
 * runtime-error result). Checks run one after another: they share the repository view's caches, and the
 * expensive facts (file list, workflows, language breakdown) are computed once either way.
 */
export async function runScorecard(input: ScorecardInput, checks: readonly ScorecardCheck[]): Promise<ScorecardResult> {
  const results: (ScorecardResult['checks'][number] & { risk: ScorecardCheck['risk'] })[] = [];
  for (const check of checks) {
    input.signal.throwIfAborted();
    try {
      const outcome = await check.run(input);
      results.push({ name: check.name, score: outcome.score, reason: outcome.reason, details: outcome.details, risk: check.risk });
    } catch (err) {
      if (input.signal.aborted) throw err;
      const message = err instanceof Error ? err.message : String(err);
      input.log.warn({ check: check.name, err: message }, 'scorecard check failed');
      results.push({ name: check.name, score: -1, reason: `internal error: ${message}`, details: [], risk: check.risk });
    }
  }
  return {
    score: aggregateScore(results),
    checks: results.map(({ name, score, reason, details }) => ({ name, score, reason, details })),
  };
}
