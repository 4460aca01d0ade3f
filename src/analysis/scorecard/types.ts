/**
 * The seam every Scorecard-style check plugs into. A check has Scorecard's name and risk and turns the
 * engine's input into a 0–10 score, or -1 when it cannot decide (Scorecard's "inconclusive"), with a reason and
 * detail lines. Checks that need a platform API live in their own module and join the list in checks.ts.
 */
import type { Config } from '../../config/schema.js';
import type { Logger } from '../../lib/log.js';
import type { RepoView } from '../../lib/repo/repo-view.js';
import type { SharedCache } from '../../lib/shared-cache.js';

/**
 * What the Scorecard engine needs of one run, and nothing more: scorecard-score builds it from its checker
 * context. Every check of one run gets the same object, so facts fetched from a platform are shared by it.
 */
export interface ScorecardInput {
  /** The checkout the local checks read. */
  readonly repo: RepoView;
  /** The project URL: the API checks find the forge repository and the badge entry by it. */
  readonly projectUrl: string;
  /** Platform and service settings (tokens, API URLs, time limits). */
  readonly config: Config;
  readonly signal: AbortSignal;
  readonly log: Logger;
  /** Answers of platform APIs kept across tasks. */
  readonly cache: SharedCache;
}

/** Scorecard's risk levels; the aggregate weighs each check by its risk. */
export type Risk = 'Critical' | 'High' | 'Medium' | 'Low';

export const RISK_WEIGHTS: Readonly<Record<Risk, number>> = { Critical: 10, High: 7.5, Medium: 5, Low: 2.5 };

export interface CheckOutcome {
  /** 0–10, or -1 when inconclusive. */
  score: number;
  reason: string;
  /** Scorecard-style detail lines: `Warn: ...`, `Info: ...`. */
  details: string[];
}

export interface ScorecardCheck {
  /** Scorecard's check name, e.g. `Pinned-Dependencies`. */
  readonly name: string;
  readonly risk: Risk;
  run(input: ScorecardInput): Promise<CheckOutcome>;
}

/** Scorecard's MinResultScore/MaxResultScore and inconclusive score. */
export const MIN_SCORE = 0;
export const MAX_SCORE = 10;
export const INCONCLUSIVE = -1;

export function inconclusive(reason: string, details: string[] = []): CheckOutcome {
  return { score: INCONCLUSIVE, reason, details };
}
