/**
 * Scores from OSV `severity[]` entries: CVSS v2, v3.0, v3.1 and v4.0 vectors scored with ae-cvss-calculator
 * (a maintained implementation of FIRST's formulas for every CVSS version). osv-scanner's `max_severity` is
 * the highest base score over a group's records, printed as Go's `%v` prints a float (`7.5`, `9`, `10`).
 */
// CommonJS package whose named exports Node's ESM loader cannot see: hence the default import.
import cvss from 'ae-cvss-calculator';
import type { OsvSeverity, OsvVulnerability } from './types.js';

const CVSS_TYPES = new Set(['CVSS_V2', 'CVSS_V3', 'CVSS_V4']);

interface Scored {
  calculateScores(): { base?: number; overall?: number };
}

function isScored(value: unknown): value is Scored {
  return typeof value === 'object' && value !== null && typeof (value as { calculateScores?: unknown }).calculateScores === 'function';
}

/** The base score of one CVSS vector, or null when it is not a vector the calculator reads. */
export function cvssBaseScore(vector: string): number | null {
  try {
    const parsed: unknown = cvss.fromVector(vector.trim());
    if (!isScored(parsed)) return null;
    const scores = parsed.calculateScores();
    const score = scores.base ?? scores.overall;
    return typeof score === 'number' && Number.isFinite(score) ? score : null;
  } catch {
    return null;
  }
}

/** The highest CVSS base score among a record's severity entries, or null when it has none. */
export function recordScore(severities: readonly OsvSeverity[] | undefined): number | null {
  let best: number | null = null;
  for (const entry of severities ?? []) {
    if (!CVSS_TYPES.has(entry.type)) continue;
    const score = cvssBaseScore(entry.score);
    if (score !== null && (best === null || score > best)) best = score;
  }
  return best;
}

/** `max_severity` of a group: the highest score of its records as text, `""` when none has a CVSS vector. */
export function maxSeverity(records: readonly OsvVulnerability[]): string {
  let best: number | null = null;
  for (const record of records) {
    const score = recordScore(record.severity);
    if (score !== null && (best === null || score > best)) best = score;
  }
  return best === null ? '' : String(best);
}
