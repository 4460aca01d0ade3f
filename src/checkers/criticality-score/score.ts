/**
 * The OpenSSF criticality score (the original `criticality_score` Python tool, Rob Pike's algorithm): each signal
 * contributes weight · log(1 + value) / log(1 + max(value, threshold)); the sum is divided by the sum of the
 * weights (8.5, `updated_since` counting −1) and rounded to 5 decimals. Weights and thresholds are the tool's
 * published defaults (criticality_score/constants.py).
 */

export const SIGNALS = {
  created_since: { weight: 1, threshold: 120 },
  updated_since: { weight: -1, threshold: 120 },
  contributor_count: { weight: 2, threshold: 5000 },
  org_count: { weight: 1, threshold: 10 },
  commit_frequency: { weight: 1, threshold: 1000 },
  recent_releases_count: { weight: 0.5, threshold: 26 },
  updated_issues_count: { weight: 0.5, threshold: 5000 },
  closed_issues_count: { weight: 0.5, threshold: 5000 },
  comment_frequency: { weight: 1, threshold: 15 },
  dependents_count: { weight: 2, threshold: 500000 },
} as const;

export type SignalName = keyof typeof SIGNALS;
export type Signals = Record<SignalName, number>;

export const TOP_CONTRIBUTOR_COUNT = 15;
export const ISSUE_LOOKBACK_DAYS = 90;
export const RELEASE_LOOKBACK_DAYS = 365;

export function paramScore(value: number, threshold: number, weight: number): number {
  return (Math.log(1 + value) / Math.log(1 + Math.max(value, threshold))) * weight;
}

export function criticalityScore(signals: Signals): number {
  let total = 0;
  let weights = 0;
  for (const [name, { weight, threshold }] of Object.entries(SIGNALS) as Array<[SignalName, { weight: number; threshold: number }]>) {
    weights += weight;
    total += paramScore(signals[name], threshold, weight);
  }
  return roundTo(total / weights, 5);
}

export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round((value + Number.EPSILON) * factor) / factor;
}

/** Python's round() to an integer: halves go to the even neighbour (the tool's month counts use it). */
export function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Whole days between two instants, then months as the tool counts them: round(days / 30). */
export function monthsSince(from: Date, now: Date): number {
  const days = Math.floor((now.getTime() - from.getTime()) / 86_400_000);
  return roundHalfEven(days / 30);
}

/** The tool's company normalisation: lower case without "inc.", "llc", "@", spaces and trailing commas. */
export function normaliseCompany(company: string): string {
  return company.toLowerCase().replaceAll('inc.', '').replaceAll('llc', '').replaceAll('@', '').replaceAll(' ', '').replace(/,+$/, '');
}

/** Releases in the last year; without any, an estimate from the tag rate over the project's life (as the tool). */
export function recentReleases(releaseDates: readonly Date[], createdSinceMonths: number, totalTags: () => Promise<number>, now: Date): Promise<number> {
  const recent = releaseDates.filter((date) => Math.floor((now.getTime() - date.getTime()) / 86_400_000) <= RELEASE_LOOKBACK_DAYS).length;
  if (recent > 0) return Promise.resolve(recent);
  const days = createdSinceMonths * 30;
  if (days === 0) return Promise.resolve(0);
  return totalTags().then((tags) => roundHalfEven((tags / days) * RELEASE_LOOKBACK_DAYS));
}
