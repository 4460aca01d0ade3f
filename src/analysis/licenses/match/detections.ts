/**
 * Matches grouped into detections, as ScanCode 32 groups them: matches whose lines are at most four apart form one
 * detection, whose expression combines theirs with AND (each operand once). Within a detection:
 * - an intro ("licensed under the following terms:") says nothing once the license it introduces is matched, so
 *   it leaves the expression; alone it stays, as ScanCode reports an unresolved intro;
 * - a reference to another file ("see LICENSE") beside a matched license is that license's pointer and leaves
 *   the expression too; alone it stays `unknown-license-reference`, for the tree scan to resolve through the
 *   rule's referenced file names;
 * - an exception matched right after a license makes `<license> WITH <exception>` (a GPL notice followed by the
 *   Classpath exception is one grant, not two licenses);
 * - two matches with only "or" between them are a choice: `"license": "(MIT OR CC0-1.0)"` is `mit OR cc0-1.0`,
 *   not both.
 * Detections made only of clue rules, or only of weak partial matches, are clues, not detections (ScanCode's
 * `license_clues`).
 */
import type { LicenseDb } from '../licensedb-index.js';
import type { EngineMatch } from './engine.js';
import { combineAnd, isSingleKey, keysOf } from './expressions.js';

const LINES_APART = 4;
/** A detection made only of approximate matches this partial is a clue (ScanCode's low-quality matches). */
const CLUE_COVERAGE = 60;

export interface EngineDetection {
  readonly expression: string;
  readonly matches: readonly EngineMatch[];
  /** File names the detection points to ("see LICENSE"), when its expression is a bare reference. */
  readonly referencedFilenames: readonly string[];
}

export interface GroupedMatches {
  readonly detections: EngineDetection[];
  readonly clues: EngineMatch[];
}

export function groupDetections(db: LicenseDb, matches: readonly EngineMatch[], ids: Int32Array): GroupedMatches {
  const groups: EngineMatch[][] = [];
  // The last line the current group reaches, kept as matches join it (a lockfile can give one group of thousands).
  let groupEnd = -Infinity;
  for (const match of [...matches].sort((a, b) => a.startLine - b.startLine || a.start - b.start)) {
    const group = groups[groups.length - 1];
    if (group && match.startLine <= groupEnd + LINES_APART) {
      group.push(match);
      groupEnd = Math.max(groupEnd, match.endLine);
    } else {
      groups.push([match]);
      groupEnd = match.endLine;
    }
  }
  const detections: EngineDetection[] = [];
  const clues: EngineMatch[] = [];
  for (const group of groups) {
    const kindOf = (m: EngineMatch): string => (m.rule >= 0 ? (db.rules[m.rule]?.kind ?? 'none') : 'tag');
    if (group.every((m) => kindOf(m) === 'clue') || group.every((m) => m.matcher === '3-seq' && m.coverage < CLUE_COVERAGE)) {
      clues.push(...group);
      continue;
    }
    const expression = detectionExpression(db, group, kindOf, ids);
    const referenced = new Set<string>();
    if (keysOf(expression).every((key) => key === 'unknown-license-reference')) {
      for (const m of group) for (const name of m.rule >= 0 ? (db.rules[m.rule]?.referencedFilenames ?? []) : []) referenced.add(name);
    }
    detections.push({ expression, matches: group, referencedFilenames: [...referenced] });
  }
  return { detections, clues };
}

function detectionExpression(db: LicenseDb, group: readonly EngineMatch[], kindOf: (m: EngineMatch) => string, ids: Int32Array): string {
  const orId = db.tokenId('or');
  const isReference = (m: EngineMatch): boolean => m.expression === 'unknown-license-reference';
  const substantive = group.filter((m) => kindOf(m) !== 'intro' && !isReference(m) && m.expression !== '');
  const used = substantive.length > 0 ? substantive : group;
  const parts: string[] = [];
  let before: EngineMatch | null = null;
  for (const m of used) {
    const previous = parts[parts.length - 1];
    if (previous !== undefined && isException(db, m.expression) && !isException(db, previous) && isSingleKey(previous)) {
      parts[parts.length - 1] = `${previous} WITH ${m.expression}`;
    } else if (previous !== undefined && before && m.start === before.end + 1 && orId !== undefined && ids[before.end] === orId) {
      parts[parts.length - 1] = `${parenthesised(previous)} OR ${parenthesised(m.expression)}`;
    } else parts.push(m.expression);
    before = m;
  }
  return combineAnd(parts) ?? 'unknown';
}

function parenthesised(expression: string): string {
  return isSingleKey(expression) || /^[^\s()]+ WITH [^\s()]+$/i.test(expression) ? expression : `(${expression})`;
}

function isException(db: LicenseDb, expression: string): boolean {
  return isSingleKey(expression) && (db.license(expression.trim())?.isException ?? false);
}
