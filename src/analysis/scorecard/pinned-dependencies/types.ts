/** One dependency found by pinned-dependencies-checker, before it is shaped for output. */

/** Upstream's five types plus the command types Scorecard also checks. */
export const DEP_TYPES = ['Action', 'Docker', 'PythonPip', 'NodeJS', 'ScriptDownload', 'GoInstall', 'PipInstall', 'NpmInstall', 'ChocoInstall', 'NugetInstall'] as const;
export type DepType = (typeof DEP_TYPES)[number];

/**
 * The Scorecard ecosystem a dependency counts in for the Pinned-Dependencies score, or null when Scorecard
 * does not score it (requirements files, package.json and docker-compose are reported but not scored).
 */
export type ScorecardEcosystem = 'githubAction' | 'containerImage' | 'downloadThenRun' | 'goCommand' | 'pipCommand' | 'npmCommand' | 'chocoCommand' | 'nugetCommand';

export interface Dependency {
  name: string;
  version: string;
  type: DepType;
  /** Repository-relative path. */
  path: string;
  line: number;
  /** Last line of what is reported (Scorecard's EndOffset), when it is not `line`: a whole multi-line RUN instruction. */
  endLine?: number;
  pinned: boolean;
  /** Upstream's owned split for actions (false for everything else). */
  owned: boolean;
  snippet: string;
  ecosystem: ScorecardEcosystem | null;
  /** For Scorecard's owned/third-party weights: `actions/*` and `github/*` only. */
  githubOwned?: boolean;
  /** Why it is (not) pinned, when the type's generic message is not enough. */
  note?: string;
  /** NodeJS: the lockfile that pins the range, if any. */
  lockfile?: string | null;
}

export interface FileProblem {
  path: string;
  error: string;
}

export interface Collected {
  dependencies: Dependency[];
  problems: FileProblem[];
}
