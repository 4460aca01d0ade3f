/**
 * Scorecard's aggregate score (checker.AggregateScores / GetAggregateScore): the mean of the check scores
 * weighted by risk (Critical 10, High 7.5, Medium 5, Low 2.5), over checks that scored (score >= 0); -1 when
 * none did. Scorecard prints it with one decimal.
 */
import { INCONCLUSIVE, RISK_WEIGHTS, type Risk } from './types.js';

export function aggregateScore(results: readonly { score: number; risk: Risk }[]): number {
  let weighted = 0;
  let weights = 0;
  for (const { score, risk } of results) {
    if (score < 0) continue;
    weighted += score * RISK_WEIGHTS[risk];
    weights += RISK_WEIGHTS[risk];
  }
  if (weights === 0) return INCONCLUSIVE;
  return Math.round((weighted / weights) * 10) / 10;
}
