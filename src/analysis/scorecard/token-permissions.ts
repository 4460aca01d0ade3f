/**
 * GITHUB_TOKEN permissions declared by workflows (pure functions). Levels are upstream's (Scorecard's):
 * `none`, `read` (`read`, `read-all`), `write` (`write`, `write-all`), `unknown` (anything else) and
 * `undeclared` (no `permissions:` key, so the repository default applies, which may be write-all).
 * The score is Scorecard's Token-Permissions policy (checks/evaluation/permissions.go).
 */
import type { PermissionsDecl, Workflow } from '../workflows/parse.js';
import { findPackaging } from './packaging.js';

export type PermissionLevel = 'none' | 'read' | 'write' | 'unknown' | 'undeclared';

export interface PermissionEntry {
  file_path: string;
  location_type: 'top' | 'job';
  /** The scope (`contents`), or null for a whole-token value (`read-all`) or an undeclared block. */
  name: string | null;
  value: string | null;
  permission_level: PermissionLevel;
  line_number: number;
  job_name?: string;
  /** Why the file could not be read as a workflow. */
  error?: string;
}

export function levelOf(value: string): PermissionLevel {
  switch (value.trim().toLowerCase()) {
    case 'none':
      return 'none';
    case 'read':
    case 'read-all':
      return 'read';
    case 'write':
    case 'write-all':
      return 'write';
    default:
      return 'unknown';
  }
}

/** Every permission entry of one workflow: the top level first, then each job in file order. */
/** ignoredJobPermissions for every workflow, keyed by path. */
export function ignoredByWorkflow(workflows: readonly Workflow[]): Map<string, Set<string>> {
  return new Map(workflows.map((workflow) => [workflow.path, ignoredJobPermissions(workflow)]));
}

export function permissionEntries(workflow: Workflow): PermissionEntry[] {
  if (workflow.error) {
    return [{ file_path: workflow.path, location_type: 'top', name: null, value: null, permission_level: 'unknown', line_number: 1, error: workflow.error }];
  }
  const entries = declEntries(workflow.path, 'top', workflow.permissions, 1);
  for (const job of workflow.jobs) {
    // A job calling a reusable workflow gets its permissions from the caller's; it still may declare them.
    for (const entry of declEntries(workflow.path, 'job', job.permissions, job.line)) entries.push({ ...entry, job_name: job.id });
  }
  return entries;
}

function declEntries(path: string, location: 'top' | 'job', decl: PermissionsDecl | null, fallbackLine: number): PermissionEntry[] {
  const base = { file_path: path, location_type: location };
  if (!decl) return [{ ...base, name: null, value: null, permission_level: 'undeclared', line_number: fallbackLine }];
  if (decl.kind === 'map') {
    // `permissions: {}` removes every scope.
    if (decl.scopes.length === 0) return [{ ...base, name: null, value: '{}', permission_level: 'none', line_number: decl.line }];
    return decl.scopes.map((scope) => ({ ...base, name: scope.name, value: scope.value, permission_level: levelOf(scope.value), line_number: scope.line }));
  }
  return [{ ...base, name: null, value: decl.value, permission_level: decl.kind === 'string' ? levelOf(decl.value) : 'unknown', line_number: decl.line }];
}

interface WriteSets {
  top: Set<string>;
  job: Set<string>;
}

/**
 * Job-level write scopes Scorecard does not hold against a workflow because its job needs them
 * (checks/raw/permissions.go createIgnoredPermissions): `packages` in a publishing workflow, `contents` in a
 * release (python-semantic-release, GoReleaser) or GitHub Pages workflow, `security-events` where CodeQL
 * analyses or a SARIF file is uploaded.
 */
export function ignoredJobPermissions(workflow: Workflow): Set<string> {
  const ignored = new Set<string>();
  const steps = workflow.jobs.flatMap((job) => job.steps);
  const uses = (prefix: string): boolean => steps.some((step) => step.uses?.value.startsWith(`${prefix}@`) === true);
  if (findPackaging(workflow)) ignored.add('packages');
  const releasing = workflow.jobs.some((job) => {
    const jobUses = (prefix: string): boolean => job.steps.some((step) => step.uses?.value.startsWith(`${prefix}@`) === true);
    return jobUses('relekang/python-semantic-release') || (jobUses('actions/setup-go') && jobUses('goreleaser/goreleaser-action')) || jobUses('peaceiris/actions-gh-pages');
  });
  if (releasing) ignored.add('contents');
  if (uses('github/codeql-action/analyze') || uses('github/codeql-action/upload-sarif')) ignored.add('security-events');
  return ignored;
}

/**
 * Scorecard's Token-Permissions score (0–10) from the entries of all workflows: undeclared or write-all at
 * the top level with no job-level declarations is 0; otherwise points come off per risky write scope.
 * `ignored` holds, per workflow path, the job-level scopes that workflow legitimately needs.
 */
export function tokenPermissionsScore(entries: readonly PermissionEntry[], ignored: ReadonlyMap<string, ReadonlySet<string>> = new Map()): number {
  const byFile = new Map<string, WriteSets>();
  for (const entry of entries) {
    if (entry.permission_level !== 'write' && entry.permission_level !== 'undeclared') continue;
    if (entry.location_type === 'job' && entry.name !== null && ignored.get(entry.file_path)?.has(entry.name)) continue;
    let sets = byFile.get(entry.file_path);
    if (!sets) {
      sets = { top: new Set(), job: new Set() };
      byFile.set(entry.file_path, sets);
    }
    (entry.location_type === 'top' ? sets.top : sets.job).add(entry.name ?? 'all');
  }
  let score = 10;
  for (const { top, job } of byFile.values()) {
    const anywhere = (name: string): boolean => top.has(name) || job.has(name);
    if (top.has('all')) {
      if (job.has('all')) return 0;
      score -= 0.5;
    }
    if (anywhere('statuses')) score -= 0.5;
    if (anywhere('checks')) score -= 0.5;
    if (anywhere('security-events')) score -= 1;
    if (anywhere('deployments')) score -= 1;
    if (top.has('contents')) score -= 10;
    if (top.has('packages')) score -= 10;
    if (top.has('actions')) score -= 10;
    if (score < 0) break;
  }
  return score < 0 ? 0 : Math.trunc(score);
}
