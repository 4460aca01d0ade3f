/**
 * Actions and reusable workflows referenced by `uses:` in workflows. Pinned only by a full 40-hex commit SHA
 * (Scorecard): a tag such as `@v4` can be moved to other code. `./local` actions are part of the repository
 * and `docker://image` references are container images (pinned by `@sha256:` digest).
 */
import type { SourceText, Workflow } from '../../workflows/parse.js';
import type { Dependency } from './types.js';

/** Upstream's "owned" organisations: the platform's own and a few widely trusted vendors. */
const OWNED_ORGS = new Set(['actions', 'github', 'gitcode', 'gitee', 'microsoft', 'azure', 'docker', 'codecov', 'coverallsapp', 'softprops']);
/** Scorecard's rules (isActionDependencyPinned): an `@` followed by at least 40 hex digits; for docker:// a digest. */
const COMMIT_SHA = /@[0-9a-f]{40,}/i;
const DIGEST = /@sha256:[0-9a-f]{64}/i;

export function actionDependencies(workflow: Workflow): Dependency[] {
  const out: Dependency[] = [];
  const add = (uses: SourceText | null): void => {
    if (!uses) return;
    const dependency = actionDependency(workflow, uses);
    if (dependency) out.push(dependency);
  };
  for (const job of workflow.jobs) {
    add(job.uses);
    for (const step of job.steps) add(step.uses);
  }
  return out;
}

function actionDependency(workflow: Workflow, uses: SourceText): Dependency | null {
  const value = uses.value.trim();
  const snippet = workflow.text.split(/\r?\n/)[uses.keyLine - 1]?.trim() ?? `uses: ${value}`;
  if (value.startsWith('./') || value.startsWith('.\\')) return null;
  if (value.startsWith('docker://')) {
    const image = value.slice('docker://'.length);
    const at = image.indexOf('@');
    return {
      name: at > 0 ? image.slice(0, at) : image.replace(/:[^:/]*$/, ''),
      version: at > 0 ? image.slice(at + 1) : (/:([^:/]*)$/.exec(image)?.[1] ?? ''),
      type: 'Docker',
      path: workflow.path,
      line: uses.keyLine,
      pinned: DIGEST.test(image),
      owned: false,
      // Scorecard scores a docker:// step as a (third-party) action, not as a Dockerfile image.
      githubOwned: false,
      snippet,
      ecosystem: 'githubAction',
    };
  }
  const at = value.lastIndexOf('@');
  const name = at > 0 ? value.slice(0, at) : value;
  const version = at > 0 ? value.slice(at + 1) : '';
  const org = name.split('/')[0]?.toLowerCase() ?? '';
  return {
    name,
    version,
    type: 'Action',
    path: workflow.path,
    line: uses.keyLine,
    pinned: COMMIT_SHA.test(value),
    owned: OWNED_ORGS.has(org) || org === workflow.platform,
    githubOwned: org === 'actions' || org === 'github',
    snippet,
    ecosystem: 'githubAction',
  };
}
