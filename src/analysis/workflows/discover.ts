/**
 * Where CI workflow files live on the three platforms OpenChecker knows. Each folder's top-level `*.yml` and
 * `*.yaml` files are workflows (subfolders are not read by the platforms, so they are not listed here).
 * Folder names match case-insensitively, as Scorecard's `.github/workflows/*` matcher does.
 */
import type { RepoFile } from '../../lib/repo/repo-view.js';

export type WorkflowPlatform = 'github' | 'gitcode' | 'gitee';

export interface WorkflowFolder {
  readonly dir: string;
  readonly platform: WorkflowPlatform;
}

export const WORKFLOW_FOLDERS: readonly WorkflowFolder[] = [
  { dir: '.github/workflows', platform: 'github' },
  { dir: '.gitcode/workflows', platform: 'gitcode' },
  { dir: '.gitee/workflows', platform: 'gitee' },
];

export interface WorkflowFileRef {
  /** Repository-relative path. */
  readonly path: string;
  readonly platform: WorkflowPlatform;
}

/** The workflow files among `files` (already sorted by path), with the platform their folder belongs to. */
export function findWorkflowFiles(files: readonly RepoFile[]): WorkflowFileRef[] {
  const found: WorkflowFileRef[] = [];
  for (const file of files) {
    if (!file.lowerName.endsWith('.yml') && !file.lowerName.endsWith('.yaml')) continue;
    const slash = file.path.lastIndexOf('/');
    if (slash < 0) continue;
    const folder = file.path.slice(0, slash).toLowerCase();
    const match = WORKFLOW_FOLDERS.find((candidate) => candidate.dir === folder);
    if (match) found.push({ path: file.path, platform: match.platform });
  }
  return found;
}
