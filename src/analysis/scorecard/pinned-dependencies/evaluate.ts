/**
 * Summaries and Scorecard's Pinned-Dependencies score over collected dependencies (pure functions). The score
 * follows checks/evaluation/pinned_dependencies.go: each ecosystem present is a group of weight 10, except
 * GitHub Actions, split into GitHub-owned (weight 2) and third-party (weight 8) when both are present; the
 * score is the weighted proportion of pinned dependencies, with Scorecard's integer arithmetic.
 */
import { DEP_TYPES, type Dependency, type ScorecardEcosystem } from './types.js';

export type Tally = { pinned: number; total: number };

export function tally(dependencies: readonly Dependency[]): Tally {
  return { pinned: dependencies.filter((dep) => dep.pinned).length, total: dependencies.length };
}

export function byType(dependencies: readonly Dependency[]): Record<string, Tally> {
  return Object.fromEntries(DEP_TYPES.map((type) => [type, tally(dependencies.filter((dep) => dep.type === type))]));
}

export function unpinnedMessage(dep: Dependency): string {
  if (dep.type === 'Action') return `${dep.owned ? 'owned' : 'third-party'} Action not pinned by hash`;
  if (dep.type === 'ScriptDownload') return 'script downloaded and run without verification (cannot be pinned by hash)';
  if (dep.type === 'NodeJS') return `NodeJS dependency not pinned: ${dep.note ?? 'version range'}`;
  return `${dep.type} not pinned by hash${dep.note ? ` (${dep.note})` : ''}`;
}

interface Group {
  success: number;
  total: number;
  weight: number;
}

const NORMAL_WEIGHT = 10;

/** 0–10, or -1 when nothing Scorecard scores was found. */
export function pinnedDependenciesScore(dependencies: readonly Dependency[]): number {
  const groups: Group[] = [];
  const actions = dependencies.filter((dep) => dep.ecosystem === 'githubAction');
  const owned = tally(actions.filter((dep) => dep.githubOwned === true));
  const thirdParty = tally(actions.filter((dep) => dep.githubOwned !== true));
  if (owned.total > 0 && thirdParty.total > 0) {
    groups.push({ success: owned.pinned, total: owned.total, weight: 2 }, { success: thirdParty.pinned, total: thirdParty.total, weight: 8 });
  } else if (owned.total > 0 || thirdParty.total > 0) {
    const only = owned.total > 0 ? owned : thirdParty;
    groups.push({ success: only.pinned, total: only.total, weight: NORMAL_WEIGHT });
  }
  const others: ScorecardEcosystem[] = ['containerImage', 'downloadThenRun', 'goCommand', 'pipCommand', 'npmCommand', 'chocoCommand', 'nugetCommand'];
  for (const ecosystem of others) {
    const counted = tally(dependencies.filter((dep) => dep.ecosystem === ecosystem));
    if (counted.total > 0) groups.push({ success: counted.pinned, total: counted.total, weight: NORMAL_WEIGHT });
  }
  if (groups.length === 0) return -1;
  // checker.CreateProportionalScoreWeighted: integer division per group, then floor of the weighted mean.
  let weighted = 0;
  let weights = 0;
  for (const group of groups) {
    weighted += Math.trunc((group.success * 10 * group.weight) / group.total);
    weights += group.weight;
  }
  return Math.floor(weighted / weights);
}

/** Scorecard's names of its dependency types, as its messages print them. */
const SCORECARD_TYPE: Record<ScorecardEcosystem, string> = {
  githubAction: 'GitHubAction',
  containerImage: 'containerImage',
  downloadThenRun: 'downloadThenRun',
  goCommand: 'goCommand',
  pipCommand: 'pipCommand',
  npmCommand: 'npmCommand',
  chocoCommand: 'chocoCommand',
  nugetCommand: 'nugetCommand',
};

/** Scorecard's warning text for an unpinned dependency (`third-party GitHubAction not pinned by hash`). */
export function scorecardUnpinnedText(dep: Dependency): string {
  if (dep.ecosystem === 'githubAction') return `${dep.githubOwned === true ? 'GitHub-owned' : 'third-party'} GitHubAction not pinned by hash`;
  return `${dep.ecosystem ? SCORECARD_TYPE[dep.ecosystem] : dep.type} not pinned by hash`;
}

/** Scorecard's per-ecosystem summary lines (`  3 out of   5 goCommand dependencies pinned`). */
export function scorecardPinnedSummary(dependencies: readonly Dependency[]): string[] {
  const pad = (n: number): string => String(n).padStart(3, ' ');
  const line = (counted: Tally, name: string): string => `${pad(counted.pinned)} out of ${pad(counted.total)} ${name} dependencies pinned`;
  const out: string[] = [];
  const actions = dependencies.filter((dep) => dep.ecosystem === 'githubAction');
  const owned = tally(actions.filter((dep) => dep.githubOwned === true));
  const thirdParty = tally(actions.filter((dep) => dep.githubOwned !== true));
  if (owned.total > 0) out.push(line(owned, 'GitHub-owned GitHubAction'));
  if (thirdParty.total > 0) out.push(line(thirdParty, 'third-party GitHubAction'));
  for (const ecosystem of Object.keys(SCORECARD_TYPE) as ScorecardEcosystem[]) {
    if (ecosystem === 'githubAction') continue;
    const counted = tally(dependencies.filter((dep) => dep.ecosystem === ecosystem));
    if (counted.total > 0) out.push(line(counted, SCORECARD_TYPE[ecosystem]));
  }
  return out;
}
