/** Scorecard-style output (`{"score": 6.8, "checks": [{"name","score","reason","details"}]}`), scores 0–10. */
import { asArray, asNumber, asString, isObject, type JsonObject } from './json.js';

export interface ScorecardCheck {
  name: string;
  /** 0–10, or null when the check did not apply (Scorecard's -1) or failed. */
  score: number | null;
  reason: string;
  details: string[];
  docs: string | null;
}

export interface Scorecard {
  score: number | null;
  checks: ScorecardCheck[];
}

export function isScorecardOutput(value: unknown): value is JsonObject {
  return isObject(value) && Array.isArray(value.checks);
}

function validScore(value: unknown): number | null {
  const n = asNumber(value);
  return n === null || n < 0 || n > 10 ? null : n;
}

export function scorecard(output: JsonObject): Scorecard {
  const checks = asArray(output.checks)
    .filter(isObject)
    .map((check) => ({
      name: asString(check.name) ?? '?',
      score: validScore(check.score),
      reason: asString(check.reason) ?? '',
      details: asArray(check.details).map(asString).filter((d): d is string => d !== null),
      docs: isObject(check.documentation) ? asString(check.documentation.url) : null,
    }))
    // Lowest first: what needs attention leads; checks that did not apply go last.
    .sort((a, b) => (a.score ?? 11) - (b.score ?? 11) || a.name.localeCompare(b.name));
  return { score: validScore(output.score), checks };
}

/** Colour band of a 0–10 score, as Scorecard's own viewer: red below 4, amber below 7, green from 7. */
export function scoreBand(score: number | null): 'bad' | 'fair' | 'good' | 'none' {
  if (score === null) return 'none';
  return score < 4 ? 'bad' : score < 7 ? 'fair' : 'good';
}
