/**
 * Scorecard's aggregate score (pkg/scorecard GetAggregateScore): the mean of the check scores weighted by risk
 * (Critical 10, High 7.5, Medium 5, Low 2.5) over the checks that scored (score >= 0); a check that is
 * inconclusive or failed (-1) is left out, not counted as 0. -1 when none scored.
 *
 * Scorecard keeps the mean unrounded and prints it with Go's `%.1f` (its JSON `jsonFloatScore` and its table),
 * which rounds the exact binary value to nearest, an exact tie to the even digit. Every weighted sum here is a
 * multiple of 0.5 and exact in binary, so the one division is the only rounding step, as in Go; the printing
 * step is reproduced by oneDecimalLikeGo (Math.round would send 7.25 to 7.3 where Scorecard prints 7.2).
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
  return oneDecimalLikeGo(weighted / weights);
}

/**
 * `x` rounded to one decimal as Go's `fmt.Sprintf("%.1f", x)` does: from the exact decimal expansion of the
 * double (toFixed(60) is exact for the doubles of 0–10, whose expansion has at most 52 fractional digits), to
 * nearest, ties to even.
 */
export function oneDecimalLikeGo(x: number): number {
  if (!Number.isFinite(x) || x < 0) return Math.round(x * 10) / 10;
  const exact = x.toFixed(60);
  const point = exact.indexOf('.');
  const whole = exact.slice(0, point);
  const tenths = Number(exact[point + 1]);
  const rest = exact.slice(point + 2);
  const tenthsValue = Number(whole) * 10 + tenths;
  const half = '5'.padEnd(rest.length, '0');
  let rounded = tenthsValue;
  if (rest > half) rounded += 1;
  else if (rest === half && tenths % 2 === 1) rounded += 1;
  return rounded / 10;
}
