/**
 * The repository's workflows, found and parsed once per task: dangerous-workflow, token-permissions,
 * pinned-dependencies, packaging, sast and scorecard-score all read the same parse through `repo.memo`.
 */
import type { RepoView } from '../../lib/repo/repo-view.js';
import { findWorkflowFiles } from './discover.js';
import { parseWorkflow, type Workflow } from './parse.js';

const MEMO_KEY = 'workflows:parsed:v1';

export function loadWorkflows(repo: RepoView): Promise<readonly Workflow[]> {
  return repo.memo(MEMO_KEY, async () => {
    const refs = findWorkflowFiles(await repo.files());
    return Promise.all(
      refs.map(async (ref) => {
        let text: string;
        try {
          text = await repo.readText(ref.path);
        } catch (err) {
          // An unreadable file is that file's finding, like a malformed one.
          const workflow = parseWorkflow(ref.path, ref.platform, '');
          return { ...workflow, error: `could not read the file: ${err instanceof Error ? err.message : String(err)}` };
        }
        return parseWorkflow(ref.path, ref.platform, text);
      }),
    );
  });
}
