/**
 * GITHUB_TOKEN permissions declared by workflows, read and scored the way OpenSSF Scorecard v5's
 * Token-Permissions check does (checks/raw/permissions.go for the facts; the probes topLevelPermissions,
 * jobLevelPermissions and hasNoGitHubWorkflowPermissionUnknown plus checks/evaluation/permissions.go for the
 * score). Two pure steps: `permissionFacts` turns one parsed workflow into entries with Scorecard's levels,
 * `evaluateTokenPermissions` turns the facts of all workflows into Scorecard's score and detail lines.
 */
import type { PermissionsDecl, Workflow } from '../workflows/parse.js';
import { matchJob, type StepMatcher } from './packaging.js';

/**
 * Scorecard's permission levels. `write` is a write that Scorecard holds against the workflow: a whole-token
 * value other than `read-all`, or `write` on one of the scopes it weighs (PERMISSIONS_OF_INTEREST) that the
 * job does not need. Any other write (`pull-requests: write`, or a scope the job needs) is `unknown`, as are
 * values Scorecard does not know. `undeclared` is a missing `permissions:` key (the repository default applies,
 * which may be write-all).
 */
export type PermissionLevel = 'none' | 'read' | 'write' | 'unknown' | 'undeclared';
export type PermissionLocation = 'top' | 'job';

export interface PermissionEntry {
  file_path: string;
  location_type: PermissionLocation;
  /** The scope (`contents`), or null for a whole-token value (`read-all`) or an undeclared block. */
  name: string | null;
  value: string | null;
  permission_level: PermissionLevel;
  line_number: number;
  job_name?: string;
  /** Why the file could not be read as a workflow. */
  error?: string;
}

/** What one workflow file contributes to the check. */
export interface WorkflowPermissions {
  path: string;
  /** Top-level entries first, then each job's, in file order. */
  entries: PermissionEntry[];
  /** Job-level scopes whose `write` this workflow needs (Scorecard's ignored permissions), sorted. */
  ignored: string[];
  /**
   * Scorecard skips a file with nothing but blank lines and comments (fileparser.CheckFileContainsCommands):
   * it has no entries and does not count.
   */
  skipped: boolean;
  /** A file that is not valid YAML: Scorecard's check stops with a runtime error on it. */
  error: string | null;
}

/** The scopes Scorecard weighs; a write on any other scope is `unknown` to it. */
export const PERMISSIONS_OF_INTEREST: ReadonlySet<string> = new Set(['statuses', 'checks', 'security-events', 'deployments', 'contents', 'packages', 'actions']);

/** Actions that upload SARIF results, so a job running one needs `security-events: write` (isAllowedWorkflow). */
const SARIF_ACTIONS: ReadonlySet<string> = new Set(['github/codeql-action/analyze', 'github/codeql-action/upload-sarif', 'ossf/scorecard-action', 'haskell-actions/hlint-scan']);

/** A `with:` input that must be set (Scorecard's permission allowance only asks for its presence). */
const isSet = (value: string): boolean => value !== '';

/** One job pattern: every matcher must match a step of one job, with the Packaging check's semantics (matchJob). */
type JobPattern = readonly StepMatcher[];

/** Releasing and GitHub Pages workflows, which need `contents: write` (requiresContentsPermissions). */
const CONTENTS_PATTERNS: readonly JobPattern[] = [
  [{ uses: 'relekang/python-semantic-release' }],
  [{ uses: 'actions/setup-go' }, { uses: 'goreleaser/goreleaser-action' }],
  [{ uses: 'slsa-framework/slsa-github-generator/.github/workflows/builder_go_slsa3.yml' }],
  [{ uses: 'slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml' }],
  [{ run: /.*mvn.*release:prepare.*/ }],
  // semantic-release pushes its tag and changelog: Scorecard's test of such a job expects no warning.
  [{ run: /npx.*semantic-release/ }],
  [{ uses: 'peaceiris/actions-gh-pages' }],
];

/**
 * Publishing workflows, which need `packages: write` (fileparser.IsPackagingWorkflow). Kept here rather than
 * shared with the Packaging check's patterns: Scorecard's permission allowance uses exactly this list, which is
 * narrower in some places (npm needs setup-node with a registry-url) and wider in others (any
 * docker/build-push-action step).
 */
const PACKAGES_PATTERNS: readonly JobPattern[] = [
  // Scorecard also wants registry-url to be the public npm registry; any registry-url is accepted here.
  [{ uses: 'actions/setup-node', with: { 'registry-url': isSet } }, { run: /npm.*publish/ }],
  [{ uses: 'actions/setup-java' }, { run: /mvn.*deploy/ }],
  [{ uses: 'actions/setup-java' }, { run: /gradle.*publish/ }],
  [{ run: /gem.*push/ }],
  [{ run: /nuget.*push/ }],
  [{ run: /docker.*push/ }],
  [{ uses: 'docker/build-push-action' }],
  [{ uses: 'pypa/gh-action-pypi-publish' }],
  [{ uses: 'relekang/python-semantic-release' }],
  [{ uses: 'actions/setup-go' }, { uses: 'goreleaser/goreleaser-action' }],
  [{ run: /cargo.*publish/ }],
  [{ uses: 'imjasonh/setup-ko' }],
  [{ uses: 'ko-build/setup-ko' }],
  [{ run: /npx.*semantic-release/ }],
  [{ run: /sbt.*ci-release/ }],
];

function anyJobMatches(workflow: Workflow, patterns: readonly JobPattern[]): boolean {
  return workflow.jobs.some((job) => patterns.some((pattern) => matchJob(workflow, job, pattern) !== null));
}

/**
 * Job-level scopes a workflow legitimately writes, so Scorecard does not hold their `write` against it
 * (createIgnoredPermissions): `packages` in a publishing workflow, `contents` in a releasing or GitHub Pages
 * workflow, `security-events` where a step uploads SARIF. Top-level declarations get no such allowance.
 */
export function ignoredJobPermissions(workflow: Workflow): Set<string> {
  const ignored = new Set<string>();
  if (anyJobMatches(workflow, PACKAGES_PATTERNS)) ignored.add('packages');
  if (anyJobMatches(workflow, CONTENTS_PATTERNS)) ignored.add('contents');
  const sarif = workflow.jobs.some((job) => job.steps.some((step) => step.uses !== null && SARIF_ACTIONS.has(step.uses.value.split('@')[0] ?? '')));
  if (sarif) ignored.add('security-events');
  return ignored;
}

/** Scorecard's typeOfPermission: exact (case-sensitive) values, anything else is unknown. */
function typeOfValue(value: string): PermissionLevel {
  if (value === 'read' || value === 'read-all') return 'read';
  if (value === 'none') return 'none';
  return 'unknown';
}

function scopeLevel(name: string, value: string, ignored: ReadonlySet<string>): PermissionLevel {
  if (value.toLowerCase() === 'write') {
    const scope = name.toLowerCase();
    return PERMISSIONS_OF_INTEREST.has(scope) && !ignored.has(scope) ? 'write' : 'unknown';
  }
  return typeOfValue(value);
}

function declEntries(path: string, location: PermissionLocation, decl: PermissionsDecl | null, undeclaredLine: number, ignored: ReadonlySet<string>): PermissionEntry[] {
  const base = { file_path: path, location_type: location };
  if (!decl) return [{ ...base, name: null, value: null, permission_level: 'undeclared', line_number: undeclaredLine }];
  if (decl.kind === 'map' && decl.scopes.length > 0) {
    return decl.scopes.map((scope) => ({ ...base, name: scope.name, value: scope.value, permission_level: scopeLevel(scope.name, scope.value, ignored), line_number: scope.line }));
  }
  if (decl.kind === 'string' && decl.value !== '') {
    // Scorecard reads every whole-token value but `read-all` as a write (GitHub accepts only read-all/write-all).
    const level = decl.value.toLowerCase() === 'read-all' ? typeOfValue(decl.value) : 'write';
    return [{ ...base, name: null, value: decl.value, permission_level: level, line_number: decl.line }];
  }
  // `permissions: {}`, or a key with no value: neither a whole-token value nor a scope, which Scorecard reads as
  // no permissions at all.
  return [{ ...base, name: null, value: decl.kind === 'map' ? '{}' : decl.value, permission_level: 'none', line_number: decl.line }];
}

/** Whether a file has a line that is neither blank nor a comment (Scorecard skips the others). */
function hasContent(text: string): boolean {
  return text.split(/\r\n|\n|\r/).some((line) => {
    const trimmed = line.trim();
    return trimmed !== '' && !trimmed.startsWith('#');
  });
}

/** The permission facts of one workflow file. */
export function permissionFacts(workflow: Workflow): WorkflowPermissions {
  const path = workflow.path;
  if (!hasContent(workflow.text)) return { path, entries: [], ignored: [], skipped: true, error: null };
  if (workflow.error) {
    return {
      path,
      entries: [{ file_path: path, location_type: 'top', name: null, value: null, permission_level: 'unknown', line_number: 1, error: workflow.error }],
      ignored: [],
      skipped: false,
      error: workflow.error,
    };
  }
  const ignored = ignoredJobPermissions(workflow);
  const entries = declEntries(path, 'top', workflow.permissions, 1, new Set());
  for (const job of workflow.jobs) {
    for (const entry of declEntries(path, 'job', job.permissions, job.line, ignored)) entries.push({ ...entry, job_name: job.id });
  }
  return { path, entries, ignored: [...ignored].sort(), skipped: false, error: null };
}

export interface TokenPermissionsOutcome {
  /** 0–10, or -1 when Scorecard's check is inconclusive (no workflows) or fails (a workflow is not YAML). */
  score: number;
  reason: string;
  details: string[];
}

export const REASON_LEAST_PRIVILEGE = 'GitHub workflow tokens follow principle of least privilege';
export const REASON_EXCESSIVE = 'detected GitHub workflow tokens with excessive permissions';

/** Points Scorecard takes off for a top-level write of one scope (reduceBy). */
const TOP_SCOPE_COST: ReadonlyMap<string, number> = new Map([
  ['checks', 0.5],
  ['statuses', 0.5],
  ['security-events', 1],
  ['deployments', 1],
  ['contents', 10],
  ['packages', 10],
  ['actions', 10],
]);

function locationName(location: PermissionLocation): string {
  return location === 'top' ? 'topLevel' : 'jobLevel';
}

function describe(entry: PermissionEntry): string {
  const where = `${entry.file_path}:${entry.line_number}`;
  const location = locationName(entry.location_type);
  if (entry.permission_level === 'undeclared') return `no ${location} permission defined: ${where}`;
  if (entry.name === null) return `${location} permissions set to '${entry.value ?? ''}': ${where}`;
  return `${location} '${entry.name}' permission set to '${entry.value ?? ''}': ${where}`;
}

/**
 * Scorecard v5's Token-Permissions score over the facts of all workflow files. Scorecard evaluates every
 * job-level finding before any top-level one, so per workflow only these combinations count:
 * - top level undeclared: -0.5, or the minimum (0) when a job of the same file is undeclared too;
 * - top-level `write-all`: -0.5, or 0 when a job of the same file is undeclared or writes a weighed scope;
 * - a top-level write of `contents`, `packages` or `actions`: -10; `security-events`, `deployments`: -1;
 *   `checks`, `statuses`: -0.5;
 * - job-level writes are reported but cost nothing on their own.
 * Deductions add up over files; the result is clamped at 0 and truncated to an integer.
 */
export function evaluateTokenPermissions(workflows: readonly WorkflowPermissions[]): TokenPermissionsOutcome {
  const broken = workflows.find((workflow) => workflow.error !== null);
  if (broken) return { score: -1, reason: `could not parse ${broken.path}: ${broken.error ?? ''}`, details: [] };
  const counted = workflows.filter((workflow) => !workflow.skipped && workflow.entries.length > 0);
  if (counted.length === 0) return { score: -1, reason: 'No tokens found', details: [] };

  const jobEntries = counted.flatMap((workflow) => workflow.entries.filter((entry) => entry.location_type === 'job'));
  const topEntries = counted.flatMap((workflow) => workflow.entries.filter((entry) => entry.location_type === 'top'));
  const details: string[] = [];
  const jobUndeclared = new Set<string>();
  const jobWrites = new Set<string>();
  for (const entry of jobEntries) {
    if (entry.permission_level === 'none' || entry.permission_level === 'read') details.push(`Info: found token with '${entry.permission_level}' permissions: ${entry.file_path}:${entry.line_number}`);
    else if (entry.permission_level === 'undeclared') jobUndeclared.add(entry.file_path);
    else if (entry.permission_level === 'write' && entry.name !== null) {
      // A job-level whole-token write (`write-all`) has no scope name, and Scorecard's job probe passes over it.
      jobWrites.add(entry.file_path);
      details.push(`Warn: ${describe(entry)}`);
    }
  }
  let score = 10;
  let minimum = false;
  for (const entry of topEntries) {
    const path = entry.file_path;
    if (entry.permission_level === 'none' || entry.permission_level === 'read') {
      details.push(`Info: found token with '${entry.permission_level}' permissions: ${path}:${entry.line_number}`);
    } else if (entry.permission_level === 'undeclared') {
      details.push(`Warn: ${describe(entry)}`);
      if (jobUndeclared.has(path)) minimum = true;
      else score -= 0.5;
    } else if (entry.permission_level === 'write') {
      if (entry.name === null) {
        // Only the literal `write-all` counts; other whole-token values are passed over like unknown ones.
        if (entry.value !== 'write-all') continue;
        details.push(`Warn: ${describe(entry)}`);
        if (jobWrites.has(path) || jobUndeclared.has(path)) minimum = true;
        else score -= 0.5;
      } else {
        const cost = TOP_SCOPE_COST.get(entry.name) ?? 0;
        if (cost > 0) details.push(`Warn: ${describe(entry)}`);
        score -= cost;
      }
    }
  }
  if (jobWrites.size === 0) details.push('Info: no jobLevel write permissions found');
  const final = minimum ? 0 : Math.max(0, Math.trunc(score));
  return { score: final, reason: final === 10 ? REASON_LEAST_PRIVILEGE : REASON_EXCESSIVE, details };
}
