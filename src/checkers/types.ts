/**
 * The checker contract: one interface for every command. A checker declares what it needs as data; the
 * runner checks those needs before calling `run`, gives it a shared view of the repository, applies its time
 * limit and turns any failure into `{"error": "..."}` for that command alone.
 */
import type { Config } from '../config/schema.js';
import type { Logger } from '../lib/log.js';
import type { SharedCache } from '../lib/shared-cache.js';
import type { Json } from '../lib/json.js';
import type { RepoView } from '../lib/repo/repo-view.js';

export type { Json } from '../lib/json.js';
/** "Could not run" (a missing requirement, unusable input): defined in lib so lower layers can throw it. */
export { CheckerInputError } from '../lib/errors.js';

export interface CheckerRequirements {
  /**
   * What the command needs of the repository: `none` (platform APIs only, no clone), `shallow` (the files at
   * the requested version) or `full` (git history, e.g. to diff against a commit).
   */
  readonly checkout: 'none' | 'shallow' | 'full';
  /**
   * The files must exist on disk (for an external program). Without it, checkers read the repository through
   * `ctx.repo` only, and the agent serves that from git's object store without writing a worktree.
   */
  readonly worktree?: boolean;
  /**
   * The command makes requests to other hosts: `true` always, `'optional'` only when credentials are configured
   * (it works offline without them, so `openchecker check` runs it by default).
   */
  readonly network?: boolean | 'optional';
  /** External programs that must be on PATH. */
  readonly tools?: readonly string[];
  /** Configuration keys (`Section.key`) that must be non-empty. */
  readonly config?: readonly string[];
  /** The task must carry `commit_hash`. */
  readonly commitHash?: boolean;
}

/** What a checker knows of the task it runs for. */
export interface TaskInfo {
  readonly taskId: string;
  /** The submitted URL with one trailing `.git` removed (what the callback echoes). */
  readonly projectUrl: string;
  /** Last path segment of the project URL without `.git`: upstream prefixes output paths with it. */
  readonly repoName: string;
  readonly commitHash: string | null;
  /** The caller's platform token (webhooks-checker); never logged or echoed. */
  readonly accessToken: string | null;
  readonly versionNumber: string | null;
  readonly metadata: Readonly<Record<string, unknown>>;
}

export interface CheckContext {
  readonly task: TaskInfo;
  /** The shared, cached view of the checkout. Throws for checkers declared `checkout: 'none'`. */
  readonly repo: RepoView;
  readonly config: Config;
  /** Folder of config.ini, for files configured relative to it (eol.yaml). */
  readonly configDir: string;
  /** Aborted when the command's time limit passes or the agent shuts down; pass it to every I/O call. */
  readonly signal: AbortSignal;
  readonly log: Logger;
  /** Answers of external services kept across tasks (with a TTL); see src/lib/shared-cache.ts. */
  readonly cache: SharedCache;
  /**
   * Says this run's result must not be stored for reuse (e.g. a per-file time budget cut a scan short: the
   * result is not a function of the input). Only matters for commands that declare `cache`.
   */
  readonly doNotReuse?: (reason: string) => void;
}

/**
 * What a command is, as data: enough for the API to validate command names, for `commands` and `--help`, and
 * for the runner to check requirements, without loading the checker's code. Each `src/checkers/<command>/meta.ts`
 * exports one; `index.ts` beside it holds the code and is imported only when the command runs.
 */
export interface CheckerMeta {
  /** The command name: part of the API, the folder name under src/checkers and the registry key. */
  readonly name: string;
  /** Bumped whenever the command's results change meaning; reported with results. */
  readonly version: number;
  /** One line for `GET /commands` and `openchecker commands`. */
  readonly description: string;
  readonly requirements: CheckerRequirements;
  /** Time limit in ms; the configured command_timeout_s applies when absent. */
  readonly timeoutMs?: number;
  /**
   * The result may be stored and reused for the same input (the result cache, src/checkers/result-reuse.ts).
   * Absent: never reused (the command asks services whose answers change, or reads the task's own parameters).
   * A checker declares it only when its result is a function of what the declaration names, and of the
   * repository name (output paths carry it).
   */
  readonly cache?: ResultReuse;
}

export interface ResultReuse {
  /**
   * What the result depends on in the repository: `tree` every listed file (paths and contents);
   * `dependency-files` only the lockfiles and manifests the dependency extractors read; `workflow-files` only the
   * CI workflow files (src/analysis/workflows/discover.ts).
   */
  readonly input: 'tree' | 'dependency-files' | 'workflow-files';
  /** Configuration keys (`Section.key`) or whole sections (`Section`) whose values change the result. */
  readonly config?: readonly string[];
  /**
   * The result also depends on the OSV database: with `[OSV] offline_dir` its snapshot joins the key; with the
   * online API a stored result is reused only within `[Cache] osv_ttl_s`.
   */
  readonly vulnerabilities?: boolean;
}

export interface Checker extends CheckerMeta {
  run(ctx: CheckContext): Promise<Json>;
}
